package io.frontdesk.tracing;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

import io.frontdesk.FilterOrder;

/**
 * The trace context a backend receives: that of the attempt sending it the request. Whatever
 * propagation fields the client sent are dropped, since its trace was continued only if it is
 * trusted and the gateway's span now stands between the two. Without tracing the client's
 * fields pass through untouched, as any other header does.
 */
public final class TraceContextHeadersFilter implements HttpHeadersFilter, Ordered {

    static final String ATTEMPT_ATTRIBUTE = "frontdesk.traceAttempt";

    private final Tracing tracing;

    public TraceContextHeadersFilter(Tracing tracing) {
        this.tracing = tracing;
    }

    @Override
    public boolean supports(Type type) {
        return type == Type.REQUEST;
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        if (!tracing.isOn()) {
            return input;
        }
        HttpHeaders headers = new HttpHeaders();
        headers.putAll(input);
        Tracing.PROPAGATION_FIELDS.forEach(headers::remove);
        TraceSpan attempt = exchange.getAttributeOrDefault(ATTEMPT_ATTRIBUTE, TraceSpan.of(exchange));
        attempt.inject(headers::set);
        return headers;
    }

    @Override
    public int getOrder() {
        return FilterOrder.TRACE_CONTEXT_HEADERS;
    }
}
