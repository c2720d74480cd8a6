package io.frontdesk.shield;

import java.util.concurrent.atomic.AtomicLong;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;

import io.frontdesk.FilterOrder;
import io.frontdesk.edge.RejectedRequest;
import io.frontdesk.edge.RequestBodies;
import io.frontdesk.support.ExchangeWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The largest request body a route accepts (route metadata {@code max-body-size}, else the
 * default): a larger declared Content-Length is refused with 413 before the backend is asked,
 * and a body that streams past the bound (chunked, or longer than declared) is cut off there,
 * failing the request with 413 if nothing was answered yet.
 */
public final class BodySizeLimitFilter implements GlobalFilter, Ordered {

    static final String METADATA_KEY = "max-body-size";

    /**
     * A refused body up to this size is read and dropped before the 413 goes out: closing on
     * unread bytes makes the kernel reset the connection, and the client would see the reset
     * instead of the answer (what nginx's lingering close avoids). Larger ones are not read.
     */
    private static final long DRAINED_AT_MOST = 1024 * 1024;

    private final long defaultLimit;

    public BodySizeLimitFilter(long defaultLimit) {
        this.defaultLimit = defaultLimit;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        long limit = limitOf(exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR));
        ServerHttpRequest request = exchange.getRequest();
        long declared = request.getHeaders().getContentLength();
        if (declared > limit) {
            Mono<Void> refusal = Mono.error(tooLarge(limit));
            return declared <= DRAINED_AT_MOST ? drained(request).then(refusal) : refusal;
        }
        if (!RequestBodies.mayFollow(request)) {
            return chain.filter(exchange);
        }
        return chain.filter(ExchangeWith.request(exchange, new Bounded(request, limit)));
    }

    private static Mono<Void> drained(ServerHttpRequest request) {
        return request.getBody().doOnNext(DataBufferUtils::release).then().onErrorResume(error -> Mono.empty());
    }

    private long limitOf(Route route) {
        Object value = route == null ? null : route.getMetadata().get(METADATA_KEY);
        return value == null ? defaultLimit : parse(value).toBytes();
    }

    /** A route's {@code max-body-size} metadata: a number of bytes or a size such as {@code 1MB}. */
    static DataSize parse(Object value) {
        return value instanceof Number number ? DataSize.ofBytes(number.longValue())
                : DataSize.parse(value.toString().trim());
    }

    static RejectedRequest tooLarge(long limit) {
        return new RejectedRequest(HttpStatus.CONTENT_TOO_LARGE, "body_too_large",
                "The request body is larger than the " + limit + " bytes this route accepts.");
    }

    @Override
    public int getOrder() {
        return FilterOrder.BODY_SIZE;
    }

    private static final class Bounded extends ServerHttpRequestDecorator {

        private final long limit;

        Bounded(ServerHttpRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public Flux<DataBuffer> getBody() {
            AtomicLong read = new AtomicLong();
            return super.getBody().handle((buffer, sink) -> {
                if (read.addAndGet(buffer.readableByteCount()) > limit) {
                    DataBufferUtils.release(buffer);
                    sink.error(tooLarge(limit));
                } else {
                    sink.next(buffer);
                }
            });
        }
    }
}
