package io.frontdesk.edge;

import org.springframework.http.server.reactive.AbstractServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;

import reactor.netty.http.server.HttpServerResponse;

/**
 * The header fields of the response to the client as Netty holds them, for adding a whole set of
 * fields in one pass where the framework's headers would add them name by name, each name's values
 * listed first. Only while the response's headers are still those fields: a decorator with headers
 * of its own, or a committed response (whose headers are a read-only copy), gives none.
 */
public final class ClientResponseFields {

    /** The framework's response of Reactor Netty's server, whose headers are a view of Netty's. */
    private static final Class<?> SERVER_RESPONSE = serverResponseClass();

    private ClientResponseFields() {
    }

    /** The fields behind the response's headers, or null when they are not the server response's own. */
    public static io.netty.handler.codec.http.HttpHeaders of(ServerHttpResponse response) {
        ServerHttpResponse innermost = response;
        while (innermost instanceof ServerHttpResponseDecorator decorator) {
            innermost = decorator.getDelegate();
        }
        if (innermost.getClass() != SERVER_RESPONSE || innermost.isCommitted()
                || innermost.getHeaders() != response.getHeaders()
                || !(((AbstractServerHttpResponse) innermost).getNativeResponse() instanceof HttpServerResponse netty)) {
            return null;
        }
        return netty.responseHeaders();
    }

    private static Class<?> serverResponseClass() {
        try {
            return Class.forName("org.springframework.http.server.reactive.ReactorServerHttpResponse");
        } catch (ClassNotFoundException renamed) {
            return Void.class; // no response is of it: every response takes the framework's headers
        }
    }
}
