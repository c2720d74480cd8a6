package io.frontdesk.tracing;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

import io.frontdesk.edge.EdgeAttributes;
import io.frontdesk.net.AddressBlocks;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

/**
 * The gateway's traces: a server span per exchange, which continues the client's trace only when
 * the client's address is trusted ({@code frontdesk.tracing.trusted-clients}) and starts a new
 * one otherwise; a client span per backend attempt under it, whose context the backend receives;
 * and traces of their own for health checks and background cache refreshes. {@link #OFF} builds
 * nothing at all.
 *
 * <p>Attribute names follow OpenTelemetry's HTTP semantic conventions where one exists, and are
 * {@code frontdesk.*} otherwise.
 */
public final class Tracing {

    /** Tracing is off: no spans, no trace ids, no propagation. */
    public static final Tracing OFF = new Tracing(null, null, AddressBlocks.of(List.of()));

    /** Propagation fields a client may send; when tracing is on the backend gets the gateway's instead. */
    static final List<String> PROPAGATION_FIELDS = List.of("traceparent", "tracestate", "baggage", "b3",
            "X-B3-TraceId", "X-B3-SpanId", "X-B3-ParentSpanId", "X-B3-Sampled", "X-B3-Flags");

    private final Tracer tracer;
    private final Propagator propagator;
    private final AddressBlocks trustedClients;

    Tracing(Tracer tracer, Propagator propagator, AddressBlocks trustedClients) {
        this.tracer = tracer;
        this.propagator = propagator;
        this.trustedClients = trustedClients;
    }

    public boolean isOn() {
        return tracer != null;
    }

    /** The exchange's span, without looking for one while tracing is off. */
    public TraceSpan spanOf(ServerWebExchange exchange) {
        return tracer == null ? TraceSpan.NONE : TraceSpan.of(exchange);
    }

    /** Starts the span of a client's exchange and makes it the exchange's. */
    public TraceSpan startExchange(ServerWebExchange exchange) {
        if (tracer == null) {
            return TraceSpan.NONE;
        }
        ServerHttpRequest request = exchange.getRequest();
        Span.Builder builder = trusted(request.getRemoteAddress())
                ? propagator.extract(request.getHeaders(), HttpHeaders::getFirst)
                : tracer.spanBuilder().setNoParent();
        Span span = builder.name(request.getMethod().name()).kind(Span.Kind.SERVER)
                .tag("http.request.method", request.getMethod().name())
                .tag("url.scheme", request.getURI().getScheme())
                .tag("url.path", request.getURI().getRawPath())
                .start();
        return attach(exchange, span);
    }

    /** Starts the trace of a background refresh of a cached response, which no client waits for. */
    public TraceSpan startRefresh(ServerWebExchange refresh, String route) {
        if (tracer == null) {
            return TraceSpan.NONE;
        }
        ServerHttpRequest request = refresh.getRequest();
        Span span = tracer.spanBuilder().setNoParent().name("cache refresh")
                .tag("http.request.method", request.getMethod().name())
                .tag("url.path", request.getURI().getRawPath())
                .tag("frontdesk.route", route)
                .start();
        return attach(refresh, span);
    }

    /**
     * Starts the span of one attempt to send the exchange to a backend, under the exchange's span;
     * its context is what {@link TraceContextHeadersFilter} gives the backend.
     */
    public TraceSpan startAttempt(ServerWebExchange exchange, URI backendUrl, String backendId) {
        TraceSpan parent = TraceSpan.of(exchange);
        if (tracer == null || parent.span() == null) {
            return TraceSpan.NONE;
        }
        int attempt = parent.nextAttempt();
        String method = exchange.getRequest().getMethod().name();
        Span.Builder builder = tracer.spanBuilder().setParent(parent.span().context()).name(method)
                .kind(Span.Kind.CLIENT)
                .tag("http.request.method", method)
                .tag("server.address", backendUrl.getHost())
                .tag("server.port", backendUrl.getPort())
                .tag("url.full", backendUrl.toString())
                .tag("frontdesk.attempt", attempt);
        if (backendId != null) {
            builder.tag("frontdesk.backend", backendId);
        }
        if (attempt > 1) {
            builder.tag("http.request.resend_count", attempt - 1);
        }
        TraceSpan span = new TraceSpan(builder.start(), propagator);
        exchange.getAttributes().put(TraceContextHeadersFilter.ATTEMPT_ATTRIBUTE, span);
        return span;
    }

    /** Starts the trace of one active health check of a backend. */
    public TraceSpan startHealthCheck(String pool, String backendId, String url) {
        if (tracer == null) {
            return TraceSpan.NONE;
        }
        Span span = tracer.spanBuilder().setNoParent().name("health check").kind(Span.Kind.CLIENT)
                .tag("http.request.method", "GET")
                .tag("url.full", url)
                .tag("frontdesk.pool", pool)
                .tag("frontdesk.backend", backendId)
                .start();
        return new TraceSpan(span, propagator);
    }

    /**
     * Makes a sampled span current on this thread until the scope closes, so that metrics take it
     * as an exemplar; an exemplar of a trace that is not exported would lead nowhere.
     */
    public Scope makeCurrent(TraceSpan span) {
        if (span.span() == null || !Boolean.TRUE.equals(span.span().context().sampled())) {
            return Scope.NONE;
        }
        return tracer.withSpan(span.span())::close;
    }

    /** The time a span is current on a thread. */
    public interface Scope extends AutoCloseable {

        Scope NONE = () -> {
        };

        @Override
        void close();
    }

    private TraceSpan attach(ServerWebExchange exchange, Span span) {
        TraceSpan traced = new TraceSpan(span, propagator);
        exchange.getAttributes().put(TraceSpan.EXCHANGE_ATTRIBUTE, traced);
        exchange.getAttributes().put(EdgeAttributes.TRACE_ID, span.context().traceId());
        exchange.getAttributes().remove(TraceContextHeadersFilter.ATTEMPT_ATTRIBUTE);
        return traced;
    }

    private boolean trusted(InetSocketAddress peer) {
        return peer != null && peer.getAddress() != null && trustedClients.contains(peer.getAddress().getAddress());
    }
}
