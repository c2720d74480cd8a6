package io.frontdesk.edge;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.AbstractServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;

import reactor.netty.http.server.HttpServerRequest;

/**
 * The client's request header fields as Netty decoded them, for walking field by field where the
 * framework's headers would first copy every name into a case-insensitive set and then list each
 * name's values. Only when the headers at hand are still those fields: a filter that changed the
 * request's headers made a new request (or a decorator with headers of its own), whose headers
 * are other objects than the server's request's.
 */
final class ClientRequestFields {

    /** The framework's request of Reactor Netty's server, whose headers are a read-only view of Netty's. */
    private static final Class<?> SERVER_REQUEST = serverRequestClass();

    private ClientRequestFields() {
    }

    /** The fields behind {@code headers}, or null when they are not the client's fields unchanged. */
    static io.netty.handler.codec.http.HttpHeaders of(ServerHttpRequest request, HttpHeaders headers) {
        ServerHttpRequest innermost = request;
        while (innermost instanceof ServerHttpRequestDecorator decorator) {
            innermost = decorator.getDelegate();
        }
        if (innermost.getClass() != SERVER_REQUEST || innermost.getHeaders() != headers
                || !(((AbstractServerHttpRequest) innermost).getNativeRequest() instanceof HttpServerRequest netty)) {
            return null;
        }
        return netty.requestHeaders();
    }

    private static Class<?> serverRequestClass() {
        try {
            return Class.forName("org.springframework.http.server.reactive.ReactorServerHttpRequest");
        } catch (ClassNotFoundException renamed) {
            return Void.class; // no request is of it: every request takes the framework's headers
        }
    }
}
