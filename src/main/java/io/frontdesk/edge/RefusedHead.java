package io.frontdesk.edge;

/**
 * A request head the HTTP/1.1 decoder could not read, as it was answered: what could be made of
 * it (the decoder's stand-in method and target when nothing could), the status and body length
 * sent, the request id the answer carries, and the reason its counter names.
 */
public record RefusedHead(String client, String method, String target, int status, long bytes,
        String requestId, String reason) {

    /** Whoever keeps a record of refused heads (the access log). */
    public interface Listener {

        void refused(RefusedHead head);
    }
}
