package io.frontdesk.tracing;

import java.util.function.BiConsumer;

import org.springframework.web.server.ServerWebExchange;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.propagation.Propagator;

/**
 * A span of the gateway's, or {@link #NONE} when tracing is off: every call on {@code NONE} does
 * nothing, so code that tags spans costs nothing without tracing. The span of an exchange is one
 * of its attributes, where each step of the request path finds it to add what it knows.
 */
public final class TraceSpan {

    /** The span of nothing: tracing is off. */
    public static final TraceSpan NONE = new TraceSpan(null, null);

    static final String EXCHANGE_ATTRIBUTE = "frontdesk.traceSpan";

    private final Span span;
    private final Propagator propagator;
    private int attempts;

    TraceSpan(Span span, Propagator propagator) {
        this.span = span;
        this.propagator = propagator;
    }

    /** The span of the exchange (of its client request, or of a background refresh), or {@link #NONE}. */
    public static TraceSpan of(ServerWebExchange exchange) {
        return exchange.getAttributeOrDefault(EXCHANGE_ATTRIBUTE, NONE);
    }

    public TraceSpan tag(String key, String value) {
        if (span != null && value != null) {
            span.tag(key, value);
        }
        return this;
    }

    public TraceSpan tag(String key, long value) {
        if (span != null) {
            span.tag(key, value);
        }
        return this;
    }

    public void error(Throwable error) {
        if (span != null) {
            span.tag("error.type", error.getClass().getName());
            span.error(error);
        }
    }

    public void end() {
        if (span != null) {
            span.end();
        }
    }

    /** The trace's id in W3C form (32 hex digits), or {@code null} without tracing. */
    public String traceId() {
        return span == null ? null : span.context().traceId();
    }

    /** Writes this span's context as propagation header fields ({@code traceparent}, ...). */
    public void inject(BiConsumer<String, String> header) {
        if (span != null) {
            propagator.inject(span.context(), header, BiConsumer::accept);
        }
    }

    Span span() {
        return span;
    }

    /** Counts a backend attempt under this span; the first is 1. */
    int nextAttempt() {
        return ++attempts;
    }
}
