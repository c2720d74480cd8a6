package io.frontdesk.telemetry;

import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import io.frontdesk.FilterOrder;
import io.frontdesk.balancer.Backend;
import io.frontdesk.balancer.BalancerAttributes;
import io.frontdesk.edge.EdgeAttributes;
import io.frontdesk.edge.ManagementPort;
import io.frontdesk.shield.ShieldAttributes;
import io.frontdesk.support.ContextBoundary;
import io.frontdesk.support.ExchangeWith;
import io.frontdesk.tracing.TraceSpan;
import io.frontdesk.tracing.Tracing;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * Measures every request from its first byte in to its last byte out, then records it in the
 * metrics and, when enabled, the access log; with tracing on, the exchange's span covers the
 * same time, and the latency histogram takes it as an exemplar.
 */
public final class TelemetryFilter implements WebFilter, Ordered {

    /** nginx's status for a request the client gave up on before the answer was complete. */
    static final int CLIENT_CLOSED = 499;

    private final LogClock clock = new LogClock();
    private final RequestMetrics metrics;
    private final AccessLog accessLog;
    private final ManagementPort managementPort;
    private final Tracing tracing;

    /** @param accessLog where lines go, or {@code null} when the access log is off */
    public TelemetryFilter(RequestMetrics metrics, AccessLog accessLog, ManagementPort managementPort,
            Tracing tracing) {
        this.metrics = metrics;
        this.accessLog = accessLog;
        this.managementPort = managementPort;
        this.tracing = tracing;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (managementPort.received(exchange)) {
            return chain.filter(exchange);
        }
        long start = System.nanoTime();
        ObservedResponse response = new ObservedResponse(exchange.getResponse());
        metrics.started();
        TraceSpan span = tracing.startExchange(exchange);
        return ContextBoundary.around(chain.filter(ExchangeWith.response(exchange, response)))
                .doFinally(signal -> finished(exchange, response, signal, System.nanoTime() - start, span));
    }

    private void finished(ServerWebExchange exchange, ObservedResponse response, SignalType signal, long nanos,
            TraceSpan span) {
        int status = status(response, signal);
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        String routeId = route == null ? "none" : route.getId();
        Backend backend = exchange.getAttribute(BalancerAttributes.BACKEND);
        // The line before the count of exchanges in flight drops: a shutdown stops the access log
        // once none is (ExchangeDrain).
        if (accessLog != null) {
            accessLog.offer(line(exchange, status, response.bytes(), nanos, routeId, backend));
        }
        try (Tracing.Scope current = tracing.makeCurrent(span)) {
            metrics.finished(routeId, backend, status, nanos, response.bytes());
        }
        if (span != TraceSpan.NONE) {
            endSpan(span, exchange, status, routeId, backend, response);
        }
    }

    private static void endSpan(TraceSpan span, ServerWebExchange exchange, int status, String route,
            Backend backend, ObservedResponse response) {
        span.tag("http.response.status_code", status)
                .tag("frontdesk.route", route)
                .tag("frontdesk.request_id", (String) exchange.getAttribute(EdgeAttributes.REQUEST_ID))
                .tag("client.address", (String) exchange.getAttribute(EdgeAttributes.CLIENT_ADDRESS))
                .tag("frontdesk.cache.status", response.getHeaders().getFirst("Cache-Status"));
        if (backend != null) {
            span.tag("frontdesk.pool", backend.poolName()).tag("frontdesk.backend", backend.id());
        }
        span.end();
    }

    /**
     * The status the client got. Failures became problem responses further in; one that still
     * arrives here found the response committed, or could not be written at all (a 500).
     */
    private static int status(ObservedResponse response, SignalType signal) {
        if (signal == SignalType.CANCEL) {
            return CLIENT_CLOSED;
        }
        if (signal == SignalType.ON_ERROR && !response.isCommitted()) {
            return 500;
        }
        HttpStatusCode code = response.getStatusCode();
        return code == null ? 200 : code.value();
    }

    private String line(ServerWebExchange exchange, int status, long bytes, long nanos, String route,
            Backend backend) {
        ServerHttpRequest request = exchange.getRequest();
        String query = request.getURI().getRawQuery();
        String path = request.getURI().getRawPath();
        return new AccessLogLine(clock, System.currentTimeMillis())
                .request(exchange.getAttribute(EdgeAttributes.CLIENT_ADDRESS), request.getMethod().name(),
                        query == null ? path : path + "?" + query)
                .outcome(status, bytes, nanos)
                .routing(route, backend == null ? null : backend.id())
                .requestId(exchange.getAttribute(EdgeAttributes.REQUEST_ID))
                .optional("trace_id", exchange.getAttribute(EdgeAttributes.TRACE_ID))
                .optional("refused", exchange.getAttribute(EdgeAttributes.REFUSAL))
                .optional("banned", exchange.getAttribute(ShieldAttributes.BANNED))
                .toString();
    }

    @Override
    public int getOrder() {
        return FilterOrder.TELEMETRY;
    }
}
