package io.frontdesk.edge;

/** Exchange attributes the edge sets for every later step. */
public final class EdgeAttributes {

    /** The client's address as a String literal, resolved through the trusted proxies. */
    public static final String CLIENT_ADDRESS = "frontdesk.clientAddress";

    /** The request id, accepted from the client or generated. */
    public static final String REQUEST_ID = "frontdesk.requestId";

    /** The id of the exchange's trace (32 hex digits), present only when tracing is on. */
    public static final String TRACE_ID = "frontdesk.traceId";

    /** Which step turned the request away ({@link RejectedRequest#refusal()}), present only on a refusal. */
    public static final String REFUSAL = "frontdesk.refusal";

    private EdgeAttributes() {
    }
}
