package io.frontdesk.cache;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.AbstractServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebExchangeDecorator;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A copy of a client's exchange that fetches its URL again after the client has been answered
 * from the cache (stale-while-revalidate): a GET with the client's header fields and no body,
 * attributes of its own so the routing state it gathers never mixes with the client's, and a
 * response that goes nowhere. The route's remaining filters (balancer, retries, routing) run on
 * it as on any request, and the cache filter's decorator stores what comes back.
 */
final class BackgroundExchange extends ServerWebExchangeDecorator {

    private final ServerHttpRequest request;
    private final ServerHttpResponse response;
    private final Map<String, Object> attributes;

    BackgroundExchange(ServerWebExchange client) {
        super(client);
        this.request = new RefreshRequest(client.getRequest());
        this.response = new DiscardedResponse(client.getResponse());
        this.attributes = new ConcurrentHashMap<>(client.getAttributes());
    }

    @Override
    public ServerHttpRequest getRequest() {
        return request;
    }

    @Override
    public ServerHttpResponse getResponse() {
        return response;
    }

    @Override
    public Map<String, Object> getAttributes() {
        return attributes;
    }

    private static final class RefreshRequest extends ServerHttpRequestDecorator {

        private final HttpHeaders headers;

        RefreshRequest(ServerHttpRequest client) {
            super(client);
            this.headers = HttpHeaders.readOnlyHttpHeaders(withoutBody(client.getHeaders()));
        }

        private static HttpHeaders withoutBody(HttpHeaders client) {
            HttpHeaders copy = HttpHeaders.copyOf(client);
            copy.remove(HttpHeaders.CONTENT_LENGTH);
            copy.remove(HttpHeaders.CONTENT_TYPE);
            copy.remove(HttpHeaders.TRANSFER_ENCODING);
            return copy;
        }

        @Override
        public HttpMethod getMethod() {
            return HttpMethod.GET;
        }

        @Override
        public HttpHeaders getHeaders() {
            return headers;
        }

        @Override
        public Flux<DataBuffer> getBody() {
            return Flux.empty();
        }
    }

    /** A response nobody receives: the body is read and released. */
    private static final class DiscardedResponse extends AbstractServerHttpResponse {

        DiscardedResponse(ServerHttpResponse client) {
            super(client.bufferFactory());
        }

        /** None: a background refresh has no client connection to write to. */
        @Override
        public <T> T getNativeResponse() {
            return null;
        }

        @Override
        protected Mono<Void> writeWithInternal(Publisher<? extends DataBuffer> body) {
            return Flux.from(body).doOnNext(DataBufferUtils::release).then();
        }

        @Override
        protected Mono<Void> writeAndFlushWithInternal(Publisher<? extends Publisher<? extends DataBuffer>> body) {
            return Flux.from(body).concatMap(this::writeWithInternal).then();
        }

        @Override
        protected void applyStatusCode() {
        }

        @Override
        protected void applyHeaders() {
        }

        @Override
        protected void applyCookies() {
        }
    }
}
