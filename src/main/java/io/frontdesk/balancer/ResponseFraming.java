package io.frontdesk.balancer;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

import io.frontdesk.edge.BackendProtocolException;
import io.frontdesk.support.SilenceTimeout;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import reactor.netty.Connection;

/**
 * Keeps the responses on one backend connection paired with its requests. Netty's HTTP/1.1
 * decoder reads whatever follows the end of a response as the start of the next one, whether a
 * request was sent for it or not: bytes a backend sends past a response's Content-Length or last
 * chunk would answer the connection's next request. Two handlers around the decoder share this
 * state: {@link #bytes()}, before it, sees each read arrive; {@link #messages()}, after it, sees
 * requests go out and responses come in. A byte that belongs to no response of the outstanding
 * request breaks the connection: the response it follows is still delivered whole, then the
 * connection is closed and never reused. A response the decoder could not read breaks it too,
 * and fails its request as a {@link BackendProtocolException}. A response the backend cut short
 * is counted. The same state times the backend's silence while a request waits for its response
 * (a {@link SilenceTimeout}). Every handler method runs on the connection's event loop.
 */
final class ResponseFraming {

    static final String BYTES = "frontdesk.framing.bytes";
    static final String MESSAGES = "frontdesk.framing.messages";

    private final ProtocolErrors errors;
    /** {@code null} where the client times responses itself. */
    private final SilenceTimeout silence;
    private final Bytes bytes = new Bytes();
    private final Messages messages = new Messages();
    /** The backend of the latest request, which a violation is recorded against. */
    private Backend backend;
    /** A request went out and its final response has not ended. */
    private boolean outstanding;
    /** The head of the outstanding request's final response has arrived. */
    private boolean finalHead;
    /** The response being read is informational (1xx): the final one follows it. */
    private boolean informational;
    /** The read the decoder is working through, while it does. */
    private ByteBuf reading;
    /** The final response ended within {@link #reading}. */
    private boolean endedInRead;
    /** A violation was found: the connection closes, and nothing more it reads is passed on. */
    private boolean broken;
    /** The gateway closed the connection (a timeout, a client gone), not the backend. */
    private boolean closedHere;

    /** @param readTimeoutNanos the longest silence of the backend while a request waits; 0 for none */
    ResponseFraming(ProtocolErrors errors, long readTimeoutNanos) {
        this.errors = errors;
        this.silence = readTimeoutNanos > 0 ? new SilenceTimeout(readTimeoutNanos) : null;
    }

    /** The handler that goes before the HTTP codec. */
    ChannelInboundHandlerAdapter bytes() {
        return bytes;
    }

    /** The handler that goes after the HTTP codec. */
    ChannelDuplexHandler messages() {
        return messages;
    }

    private void violation(ChannelHandlerContext ctx, FramingViolation violation) {
        broken = true;
        errors.record(backend, address(ctx.channel().remoteAddress()), violation);
        Connection.from(ctx.channel()).markPersistent(false);
    }

    private static String address(SocketAddress address) {
        return address instanceof InetSocketAddress inet ? inet.getHostString() + ":" + inet.getPort()
                : String.valueOf(address);
    }

    /** The backend a request is for, from the context its exchange's attempt subscribed with. */
    private static Backend backendOf(ChannelHandlerContext ctx) {
        BackendCall call = BackendCall.on(ctx);
        return call == null ? null : call.backend();
    }

    /**
     * Reads as they arrive: one while no request is outstanding is excess; the others go to the
     * decoder, which is watched for bytes it has left over when a response ends.
     */
    private final class Bytes extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof ByteBuf in)) {
                ctx.fireChannelRead(msg);
                return;
            }
            if (broken) {
                in.release();
                return;
            }
            if (!outstanding) {
                in.release();
                violation(ctx, FramingViolation.EXCESS_BYTES);
                ctx.close();
                return;
            }
            if (silence != null) {
                silence.heard();
            }
            reading = in.retain();
            try {
                ctx.fireChannelRead(in);
            } finally {
                reading = null;
                endedInRead = false;
                in.release();
            }
        }
    }

    /** Requests going out, and the decoder's responses coming in. */
    private final class Messages extends ChannelDuplexHandler {

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (msg instanceof HttpRequest) {
                outstanding = true;
                finalHead = false;
                informational = false;
                backend = backendOf(ctx);
            }
            if (msg instanceof LastHttpContent && outstanding && silence != null) {
                silence.start(ctx);
            }
            ctx.write(msg, promise);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof HttpObject object)) {
                ctx.fireChannelRead(msg);
                return;
            }
            if (broken || endedInRead) {
                ReferenceCountUtil.release(msg);
                if (!broken) {
                    violation(ctx, FramingViolation.EXCESS_BYTES);
                    ctx.close();
                }
                return;
            }
            DecoderResult result = object.decoderResult();
            if (result.isFailure()) {
                FramingViolation violation = violationOf(object, result.cause());
                violation(ctx, violation);
                object.setDecoderResult(DecoderResult.failure(
                        new BackendProtocolException("The backend " + violation.description(), result.cause())));
            } else if (object instanceof HttpResponse response) {
                if (response.status().equals(HttpResponseStatus.SWITCHING_PROTOCOLS)) {
                    // No longer HTTP/1.1 (a WebSocket): the connection leaves the pool for good.
                    if (silence != null) {
                        silence.closed();
                    }
                    ctx.fireChannelRead(msg);
                    ctx.pipeline().remove(bytes);
                    ctx.pipeline().remove(this);
                    return;
                }
                informational = response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
                finalHead = !informational;
            } else if (object instanceof LastHttpContent) {
                ended(ctx);
            }
            ctx.fireChannelRead(msg);
        }

        private void ended(ChannelHandlerContext ctx) {
            if (informational) {
                informational = false;
                return;
            }
            outstanding = false;
            if (silence != null) {
                silence.stop();
            }
            if (reading != null) {
                endedInRead = true;
                if (reading.isReadable()) {
                    violation(ctx, FramingViolation.EXCESS_BYTES);
                }
            }
        }

        private static FramingViolation violationOf(HttpObject object, Throwable cause) {
            if (cause instanceof PrematureChannelClosureException) {
                return FramingViolation.TRUNCATED;
            }
            return object instanceof HttpResponse ? FramingViolation.MALFORMED_HEAD : FramingViolation.MALFORMED_CHUNK;
        }

        @Override
        public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
            closedHere = true;
            ctx.close(promise);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (silence != null) {
                silence.closed();
            }
            if (outstanding && finalHead && !broken && !closedHere) {
                violation(ctx, FramingViolation.TRUNCATED);
            }
            ctx.fireChannelInactive();
        }
    }
}
