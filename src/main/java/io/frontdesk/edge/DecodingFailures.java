package io.frontdesk.edge;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.http.MediaType;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import reactor.netty.http.server.HttpServer;

/**
 * What happens when the HTTP/1.1 decoder cannot read what a client sent. A head it refuses
 * (ambiguous framing, forbidden bytes, a line or fields too long) or one naming HTTP/2 or later
 * is answered here, before the framework's own bare answer, with a problem response carrying a
 * request id (414, 431, 505 or 400),
 * then the connection is closed; it is counted in {@link FramingRefusals} and handed to the access
 * log. A body whose chunked framing breaks after its head was accepted
 * closes the connection: the decoder reports it as a failed last chunk, which the framework would
 * take for the body's normal end, so that the backend got a truncated request as if it were whole.
 */
public final class DecodingFailures implements NettyServerCustomizer {

    private static final String NAME = "frontdesk.decodingFailures";

    private final String requestIdHeader;
    private final List<RefusedHead.Listener> listeners;
    private final FramingRefusals refusals;

    public DecodingFailures(String requestIdHeader, List<RefusedHead.Listener> listeners, FramingRefusals refusals) {
        this.requestIdHeader = requestIdHeader;
        this.listeners = listeners;
        this.refusals = refusals;
    }

    @Override
    public HttpServer apply(HttpServer server) {
        return server.doOnChannelInit((observer, channel, address) ->
                Http1Handlers.installBeforeTrafficHandler(channel, NAME, Handler::new));
    }

    /**
     * One per connection. A refused head that follows requests still being answered is left to the
     * framework, which answers pipelined requests in order; answering it here could overtake them.
     */
    private final class Handler extends ChannelDuplexHandler {

        private int unanswered;
        /** Set once a head is refused: what the decoder still reads after it, up to the close, is dropped. */
        private boolean refused;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (refused) {
                ReferenceCountUtil.release(msg);
            } else if (msg instanceof HttpRequest head && (head.decoderResult().isFailure() || isForeignVersion(head))
                    && unanswered == 0) {
                refused = true;
                answer(ctx, head);
            } else if (msg instanceof HttpContent content && !(msg instanceof HttpRequest)
                    && content.decoderResult().isFailure()) {
                content.release();
                ctx.close();
            } else {
                if (msg instanceof HttpRequest) {
                    unanswered++;
                }
                ctx.fireChannelRead(msg);
            }
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            boolean interim = msg instanceof HttpResponse response && response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
            if (msg instanceof LastHttpContent && !interim && unanswered > 0) {
                unanswered--;
            }
            ctx.write(msg, promise);
        }

        private void answer(ChannelHandlerContext ctx, HttpRequest head) {
            Throwable cause = head.decoderResult().cause();
            boolean foreignVersion = isForeignVersion(head);
            HttpResponseStatus status = cause instanceof TooLongHttpLineException ? HttpResponseStatus.REQUEST_URI_TOO_LONG
                    : cause instanceof TooLongHttpHeaderException ? HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE
                    : foreignVersion ? HttpResponseStatus.HTTP_VERSION_NOT_SUPPORTED : HttpResponseStatus.BAD_REQUEST;
            String reason = status == HttpResponseStatus.REQUEST_URI_TOO_LONG ? "target_too_long"
                    : status == HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE ? "head_too_large"
                    : foreignVersion ? RequestFraming.Violation.UNSUPPORTED_VERSION.reason() : "malformed_head";
            String requestId = RequestIds.generate();
            String detail = cause instanceof TooLongFrameException ? "The request head is larger than this server reads."
                    : foreignVersion ? RequestFraming.Violation.UNSUPPORTED_VERSION.detail()
                    : "The request head could not be read as HTTP/1.1: " + cause.getMessage();
            byte[] body = ProblemResponses.body(status.code(), detail, null, requestId)
                    .getBytes(StandardCharsets.UTF_8);
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                    Unpooled.wrappedBuffer(body));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE)
                    .set(HttpHeaderNames.CACHE_CONTROL, "no-store")
                    .set(requestIdHeader, requestId)
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                    .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            String method = head.method().name();
            String target = head.uri();
            ReferenceCountUtil.release(head);
            refusals.count(reason);
            RefusedHead refusal = new RefusedHead(client(ctx), method, target, status.code(), body.length, requestId,
                    reason);
            listeners.forEach(listener -> listener.refused(refusal));
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }

        /** An HTTP/1 request line naming version 2 or later, which the framework would take for an upgrade gone wrong. */
        private static boolean isForeignVersion(HttpRequest head) {
            return head.protocolVersion().majorVersion() > 1;
        }

        private static String client(ChannelHandlerContext ctx) {
            return ctx.channel().remoteAddress() instanceof InetSocketAddress address && address.getAddress() != null
                    ? address.getAddress().getHostAddress() : null;
        }
    }

}
