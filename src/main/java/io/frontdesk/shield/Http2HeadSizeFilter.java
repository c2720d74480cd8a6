package io.frontdesk.shield;

import java.util.Iterator;
import java.util.Map;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import io.frontdesk.FilterOrder;
import io.frontdesk.edge.RejectedRequest;
import io.netty.handler.codec.http2.HttpConversionUtil.ExtensionHeaderNames;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;

/**
 * Holds HTTP/2 requests to the request line and header size bounds that the decoder enforces on
 * HTTP/1.1, measured as the request's HTTP/1.1 form, so that one request gets the same answer
 * over either: 414 when its method, path and version would make a longer line, 431 when its
 * header fields ({@code name: value} each, {@code :authority} as Host) take more bytes. Over
 * HTTP/2 the refusal is an answer on the request's own stream; the connection carries on.
 */
public final class Http2HeadSizeFilter implements WebFilter, Ordered {

    /** The spaces and version of an HTTP/1.1 request line around its method and target. */
    private static final int LINE_FRAME = " HTTP/1.1".length() + 1;
    /** The colon and space between a field's name and value. */
    private static final int FIELD_SEPARATOR = 2;

    private final long maxLineLength;
    private final long maxHeaderSize;

    public Http2HeadSizeFilter(long maxLineLength, long maxHeaderSize) {
        this.maxLineLength = maxLineLength;
        this.maxHeaderSize = maxHeaderSize;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
        if (!(nativeRequest instanceof HttpServerRequest netty) || netty.version().majorVersion() != 2) {
            return chain.filter(exchange);
        }
        long line = netty.method().name().length() + netty.uri().length() + LINE_FRAME;
        if (line > maxLineLength) {
            return Mono.error(new RejectedRequest(HttpStatus.URI_TOO_LONG, "target_too_long", "The request line would take " + line
                    + " bytes; at most " + maxLineLength + " are accepted."));
        }
        long header = headerSize(netty);
        if (header > maxHeaderSize) {
            return Mono.error(new RejectedRequest(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "head_too_large",
                    "The request's header fields take " + header + " bytes; at most " + maxHeaderSize
                            + " are accepted."));
        }
        return chain.filter(exchange);
    }

    private static long headerSize(HttpServerRequest request) {
        long size = 0;
        Iterator<Map.Entry<CharSequence, CharSequence>> fields = request.requestHeaders().iteratorCharSequence();
        while (fields.hasNext()) {
            Map.Entry<CharSequence, CharSequence> field = fields.next();
            if (!addedInConversion(field.getKey())) {
                size += field.getKey().length() + FIELD_SEPARATOR + field.getValue().length();
            }
        }
        return size;
    }

    /** The fields Netty adds when it turns an HTTP/2 head into an HTTP/1.1 request; the client sent none. */
    private static boolean addedInConversion(CharSequence name) {
        return ExtensionHeaderNames.STREAM_ID.text().contentEqualsIgnoreCase(name)
                || ExtensionHeaderNames.SCHEME.text().contentEqualsIgnoreCase(name);
    }

    @Override
    public int getOrder() {
        return FilterOrder.HTTP2_HEAD_SIZE;
    }
}
