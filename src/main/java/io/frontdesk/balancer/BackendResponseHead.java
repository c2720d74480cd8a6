package io.frontdesk.balancer;

import java.util.List;
import java.util.Map;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

import io.frontdesk.edge.ClientResponseFields;
import io.frontdesk.edge.NettyBackedHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.netty.Connection;
import reactor.netty.http.client.HttpClientResponse;

/**
 * A backend's response head, as the client's response takes it: the status as the backend sent
 * it, its headers through the response header filters (added to the client's response in one pass
 * while that response's headers are still Netty's, {@code ClientResponseFields}), and the exchange
 * attributes the framework's response writer and its response body filters read (the backend's
 * response and connection, and the backend's content type).
 */
final class BackendResponseHead {

    /** The attribute the framework's ModifyResponseBody filter reads the backend's content type from. */
    static final String ORIGINAL_CONTENT_TYPE = "original_response_content_type";

    private BackendResponseHead() {
    }

    static void apply(HttpClientResponse backend, Connection connection, ServerWebExchange exchange,
            List<HttpHeadersFilter> filters) {
        Map<String, Object> attributes = exchange.getAttributes();
        attributes.put(ServerWebExchangeUtils.CLIENT_RESPONSE_ATTR, backend);
        attributes.put(ServerWebExchangeUtils.CLIENT_RESPONSE_CONN_ATTR, connection);
        HttpHeaders received = NettyBackedHeaders.copyOf(backend.responseHeaders());
        String contentType = backend.responseHeaders().get(HttpHeaderNames.CONTENT_TYPE);
        if (contentType != null && !contentType.isEmpty()) {
            attributes.put(ORIGINAL_CONTENT_TYPE, contentType);
        }
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatusCode.valueOf(backend.status().code()));
        HttpHeaders filtered = HttpHeadersFilter.filter(filters, received, exchange, HttpHeadersFilter.Type.RESPONSE);
        // The response goes with the backend's length; a chunked encoding set earlier would contradict it.
        boolean backendLength = !filtered.containsHeader(HttpHeaders.TRANSFER_ENCODING)
                && filtered.containsHeader(HttpHeaders.CONTENT_LENGTH);
        io.netty.handler.codec.http.HttpHeaders fields = ClientResponseFields.of(response);
        if (fields != null && filtered instanceof NettyBackedHeaders whole) {
            if (backendLength) {
                fields.remove(HttpHeaderNames.TRANSFER_ENCODING);
            }
            fields.add(whole.netty());
            return;
        }
        HttpHeaders headers = response.getHeaders();
        if (backendLength && headers.containsHeader(HttpHeaders.TRANSFER_ENCODING)) {
            headers.remove(HttpHeaders.TRANSFER_ENCODING);
        }
        headers.addAll(filtered);
    }
}
