package io.frontdesk.edge;

import java.util.List;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

import io.frontdesk.FilterOrder;

/**
 * Header hygiene on the way back to the client: hop-by-hop headers and those the backend's
 * Connection header names are dropped, and so are the backend's identifying headers (Server,
 * X-Powered-By, as configured) and any request id of the backend's, since the client already
 * has the gateway's.
 */
public final class ClientResponseHeadersFilter implements HttpHeadersFilter, Ordered {

    private final List<String> dropped;

    public ClientResponseHeadersFilter(List<String> hiddenResponseHeaders, String requestIdHeader) {
        this.dropped = java.util.stream.Stream.of(hiddenResponseHeaders.stream(), HopByHop.HEADERS.stream(),
                java.util.stream.Stream.of(requestIdHeader)).flatMap(names -> names).toList();
    }

    @Override
    public boolean supports(Type type) {
        return type == Type.RESPONSE;
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        return WritableHeaders.removing(input, dropped, HopByHop.connectionOptions(input));
    }

    @Override
    public int getOrder() {
        return FilterOrder.PROXY_HEADERS;
    }
}
