package io.frontdesk.waf.conformance;

import java.util.List;
import java.util.OptionalInt;

import io.frontdesk.edge.RequestFraming;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.util.ReferenceCountUtil;

/**
 * Whether the gateway's edge refuses a request before the WAF sees it: the HTTP/1.1 decoder the
 * gateway runs, then its {@link RequestFraming} check. A stage the edge refuses never reaches the
 * engine in the gateway, so it does not in-process either.
 */
final class EdgeRefusal {

    private EdgeRefusal() {
    }

    /** The status the edge answers the request with, or empty when it passes the request on. */
    static OptionalInt status(byte[] request) {
        EmbeddedChannel channel = new EmbeddedChannel(new HttpRequestDecoder());
        try {
            channel.writeInbound(Unpooled.wrappedBuffer(request));
            Object first = channel.readInbound();
            if (!(first instanceof HttpRequest head)) {
                ReferenceCountUtil.release(first);
                return OptionalInt.empty();
            }
            if (head.decoderResult().isFailure()) {
                return OptionalInt.of(400);
            }
            HttpHeaders headers = head.headers();
            RequestFraming.Violation violation = RequestFraming.check(new RequestFraming.Head(
                    head.protocolVersion().majorVersion(), head.protocolVersion().minorVersion(), head.method().name(),
                    head.uri(), values(headers, HttpHeaderNames.HOST), values(headers, HttpHeaderNames.TRANSFER_ENCODING),
                    values(headers, HttpHeaderNames.CONTENT_TYPE)));
            return violation == null ? OptionalInt.empty() : OptionalInt.of(violation.status().value());
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    private static List<String> values(HttpHeaders headers, CharSequence name) {
        return headers.getAll(name);
    }
}
