package io.frontdesk.edge;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;

import reactor.netty.http.server.HttpServerRequest;

/** What a request's head says about the body that follows it. */
public final class RequestBodies {

    private RequestBodies() {
    }

    /**
     * Whether a body may follow the head. HTTP/1 announces one by its headers (a positive
     * Content-Length, or Transfer-Encoding); HTTP/2 may stream one without a length.
     */
    public static boolean mayFollow(ServerHttpRequest request) {
        HttpHeaders headers = request.getHeaders();
        long length = headers.getContentLength();
        if (length >= 0) {
            return length > 0;
        }
        Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(request);
        boolean http1 = nativeRequest instanceof HttpServerRequest netty && netty.version().majorVersion() == 1;
        return !http1 || headers.containsHeader(HttpHeaders.TRANSFER_ENCODING);
    }
}
