package io.frontdesk.balancer;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.TrailerHeadersFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

import io.netty.buffer.ByteBuf;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.netty.Connection;
import reactor.netty.http.client.HttpClientResponse;

/**
 * Writes the backend's response body to the client, in the framework's response writer's place and
 * with its contract: after the routing filter, the body as the backend connection delivers it,
 * streaming media types flushed chunk by chunk, trailers through the header filters, the backend
 * connection closed when the exchange fails or is cancelled.
 *
 * <p>A body whose length the backend declared, up to {@value #WHOLE_BODY_LIMIT} bytes, is read
 * whole first and goes out with the response head in one write, as a proxy that buffers backend
 * responses (nginx's default) sends it: one system call and one TCP segment for a small response
 * instead of a flushed head and then the body. A backend that closes before its declared length
 * then fails the exchange before anything reached the client, who gets an error status rather
 * than a cut-off body.
 */
public final class BackendResponseWriter implements GlobalFilter, Ordered {

    /** The largest declared body read whole before it is written. */
    static final int WHOLE_BODY_LIMIT = 16 * 1024;

    private final List<MediaType> streamingMediaTypes;
    private final ObjectProvider<List<HttpHeadersFilter>> headersFiltersProvider;
    /** Looked up on first use, not at construction: the header filters are beans of their own. */
    private volatile List<HttpHeadersFilter> headersFilters;

    public BackendResponseWriter(List<MediaType> streamingMediaTypes,
            ObjectProvider<List<HttpHeadersFilter>> headersFilters) {
        this.streamingMediaTypes = List.copyOf(streamingMediaTypes);
        this.headersFiltersProvider = headersFilters;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return chain.filter(exchange)
                .then(Mono.defer(() -> write(exchange)))
                .doFinally(signal -> {
                    if (signal == SignalType.CANCEL || signal == SignalType.ON_ERROR) {
                        Connection connection = exchange.getAttribute(ServerWebExchangeUtils.CLIENT_RESPONSE_CONN_ATTR);
                        if (connection != null) {
                            connection.dispose();
                        }
                    }
                });
    }

    private Mono<Void> write(ServerWebExchange exchange) {
        Connection connection = exchange.getAttribute(ServerWebExchangeUtils.CLIENT_RESPONSE_CONN_ATTR);
        if (connection == null) {
            return Mono.empty();
        }
        ServerHttpResponse response = exchange.getResponse();
        DataBufferFactory buffers = response.bufferFactory();
        Flux<DataBuffer> body = connection.inbound().receive().retain().map(buffer -> wrap(buffer, buffers));
        Mono<Void> written;
        if (isStreaming(response)) {
            written = response.writeAndFlushWith(body.map(Flux::just));
        } else if (isSmallDeclaredBody(exchange, response)) {
            written = response.writeWith(DataBufferUtils.join(body, WHOLE_BODY_LIMIT));
        } else {
            written = response.writeWith(body);
        }
        HttpClientResponse backendResponse = exchange.getAttribute(ServerWebExchangeUtils.CLIENT_RESPONSE_ATTR);
        return written.then(TrailerHeadersFilter.filter(headersFilters(), exchange, backendResponse)).then();
    }

    private List<HttpHeadersFilter> headersFilters() {
        List<HttpHeadersFilter> filters = headersFilters;
        if (filters == null) {
            filters = headersFiltersProvider.getIfAvailable(List::of);
            headersFilters = filters;
        }
        return filters;
    }

    private boolean isStreaming(ServerHttpResponse response) {
        MediaType contentType;
        try {
            contentType = response.getHeaders().getContentType();
        } catch (InvalidMediaTypeException e) {
            return false;
        }
        if (contentType == null) {
            return false;
        }
        for (MediaType streaming : streamingMediaTypes) {
            if (streaming.isCompatibleWith(contentType)) {
                return true;
            }
        }
        return false;
    }

    /** A response that has a body (not to HEAD, not 1xx, 204 or 304) of a declared length within the limit. */
    private static boolean isSmallDeclaredBody(ServerWebExchange exchange, ServerHttpResponse response) {
        long length = response.getHeaders().getContentLength();
        if (length <= 0 || length > WHOLE_BODY_LIMIT || exchange.getRequest().getMethod() == HttpMethod.HEAD) {
            return false;
        }
        HttpStatusCode status = response.getStatusCode();
        return status == null || !status.is1xxInformational() && status.value() != 204 && status.value() != 304;
    }

    private static DataBuffer wrap(ByteBuf buffer, DataBufferFactory buffers) {
        if (buffers instanceof NettyDataBufferFactory netty) {
            return netty.wrap(buffer);
        }
        try {
            return buffers.allocateBuffer(buffer.readableBytes()).write(buffer.nioBuffer());
        } finally {
            buffer.release();
        }
    }

    @Override
    public int getOrder() {
        return NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER;
    }
}
