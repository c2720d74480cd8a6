package io.frontdesk;

import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.cloud.gateway.filter.ReactiveLoadBalancerClientFilter;
import org.springframework.core.Ordered;

/**
 * The position of every Frontdesk filter on the request path, kept in one place so that the
 * order is visible. Lower runs first (outermost).
 */
public final class FilterOrder {

    /** The request head has arrived: its connection's head timeout stops (the slowloris defence). */
    public static final int HEAD_RECEIVED = Ordered.HIGHEST_PRECEDENCE;

    /** Client address and request id: everything after them may rely on both. */
    public static final int EDGE_IDENTITY = HEAD_RECEIVED + 1;

    /** Strict-Transport-Security on HTTPS responses, set just before they are committed. */
    public static final int HSTS = EDGE_IDENTITY + 1;

    /** Access log and request metrics, wrapped around everything else. */
    public static final int TELEMETRY = HSTS + 1;

    /** Failures become problem responses here, inside telemetry so that it sees the real status. */
    public static final int PROBLEMS = TELEMETRY + 1;

    /**
     * Heads whose framing RFC 9112 forbids guessing at are refused, and an absolute-form target's
     * authority becomes the Host, before anything else reads them; inside problems so refusals are
     * problems too.
     */
    public static final int REQUEST_FRAMING = PROBLEMS + 1;

    /** State-changing management requests need credentials; inside problems so refusals are problems too. */
    public static final int MANAGEMENT_ACCESS = REQUEST_FRAMING + 1;

    /**
     * HTTP/2 request heads held to the line and header size bounds, first of the shield's checks as
     * the HTTP/1.1 decoder holds HTTP/1.1 heads to them before any filter runs.
     */
    public static final int HTTP2_HEAD_SIZE = MANAGEMENT_ACCESS + 1;

    /** Banned and denied clients are turned away first of the shield's remaining checks. */
    public static final int BANS = HTTP2_HEAD_SIZE + 1;

    /** Bounds on the request head (header count); inside problems so refusals are problems too. */
    public static final int REQUEST_HEAD_BOUNDS = BANS + 1;

    /** CONNECT is refused: a reverse proxy opens no tunnels. */
    public static final int CONNECT_REFUSAL = REQUEST_HEAD_BOUNDS + 1;

    /** Opens the exchange's end, reached once the whole response has been written (or the client has gone). */
    public static final int EXCHANGE_END = CONNECT_REFUSAL + 1;

    /**
     * The innermost web filter, around the gateway's handler: context lookups made by route
     * matching and the gateway filters stop here instead of crossing every web filter above.
     */
    public static final int HANDLER_BOUNDARY = Ordered.LOWEST_PRECEDENCE;

    /** The route's bound on the request body, checked before anything else of the route runs. */
    public static final int BODY_SIZE = NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER - 6;

    /** Rate limits of a route, before the cache: a hit costs a token as a miss does. */
    public static final int RATE_LIMIT = NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER - 5;

    /**
     * The web application firewall: after the rate limits (a flood is refused before it costs
     * inspection), before the cache (an attack is refused even when its answer is cached), and
     * before the route's own filters change the request.
     */
    public static final int WAF = NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER - 4;

    /**
     * The response cache of a route, outside the framework's response writer so that it sees
     * (and can replace) what is written to the client.
     */
    public static final int CACHE = NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER - 3;

    /**
     * Compression at the edge, inside the cache so that a compressed response is stored as its
     * own variant and served again without compressing; also outside the response writer.
     */
    public static final int COMPRESSION = NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER - 2;

    /**
     * Right outside the framework's response writer: context lookups made while the response is
     * written stop here instead of crossing every filter around it.
     */
    public static final int RESPONSE_WRITE_BOUNDARY = NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER - 1;

    /** Picks the backend of an lb:// route, proxies through the chain, retries; in the framework's balancer slot. */
    public static final int BACKEND_CALL = ReactiveLoadBalancerClientFilter.LOAD_BALANCER_CLIENT_FILTER_ORDER;

    /** Header hygiene runs after every header filter of Spring Cloud Gateway. */
    public static final int PROXY_HEADERS = Ordered.LOWEST_PRECEDENCE - 1;

    /**
     * The backend attempt's trace context goes on the request last, so that no header the client
     * named in its Connection header can take it off again.
     */
    public static final int TRACE_CONTEXT_HEADERS = Ordered.LOWEST_PRECEDENCE;

    private FilterOrder() {
    }
}
