package io.frontdesk.tls;

import javax.net.ssl.SSLHandshakeException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SniCompletionEvent;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import io.netty.util.AttributeKey;

/**
 * Counts TLS handshakes on the HTTPS listener: successes by protocol, failures by reason, so an
 * operator sees scanners, old clients and plain HTTP sent to the TLS port; closes the connection
 * of a failed handshake itself, with a line at debug level rather than a stack trace. Shared by
 * every connection.
 */
@ChannelHandler.Sharable
final class HandshakeObserver extends ChannelInboundHandlerAdapter {

    /** Why a handshake failed, as the {@code reason} label. */
    enum Reason {
        /** The first bytes were not TLS at all: plain HTTP on the TLS port, or garbage. */
        NOT_TLS,
        /** The client offered no protocol version or cipher the listener accepts (TLS 1.0, 1.1). */
        REFUSED,
        /** The client named a server there is no certificate for, and SNI is strict. */
        UNKNOWN_SERVER_NAME,
        /** The client did not finish the handshake in time. */
        TIMEOUT,
        /** The connection closed, or failed otherwise, before the handshake finished. */
        OTHER
    }

    private static final Logger log = LoggerFactory.getLogger(HandshakeObserver.class);
    private static final AttributeKey<Boolean> FAILURE_COUNTED = AttributeKey.valueOf("frontdesk.handshakeFailureCounted");

    private final MeterRegistry registry;
    private final Counter[] failures = new Counter[Reason.values().length];

    HandshakeObserver(MeterRegistry registry) {
        this.registry = registry;
        for (Reason reason : Reason.values()) {
            failures[reason.ordinal()] = Counter.builder("frontdesk.tls.handshake.failures")
                    .description("TLS handshakes that failed, by reason")
                    .tag("reason", reason.name().toLowerCase(java.util.Locale.ROOT)).register(registry);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext context, Object event) throws Exception {
        if (event instanceof SslHandshakeCompletionEvent completion) {
            if (completion.isSuccess()) {
                SslHandler ssl = context.pipeline().get(SslHandler.class);
                String protocol = ssl == null ? "unknown" : ssl.engine().getSession().getProtocol();
                Counter.builder("frontdesk.tls.handshakes").description("TLS handshakes that succeeded")
                        .tag("protocol", protocol).register(registry).increment();
            } else {
                countFailure(context, completion.cause());
                close(context, completion.cause());
                return;
            }
        } else if (event instanceof SniCompletionEvent sni && !sni.isSuccess()) {
            // Failed before any TLS handler took over: no ClientHello in time, or a name refused.
            countFailure(context, sni.cause());
        }
        super.userEventTriggered(context, event);
    }

    /**
     * A handshake's failure, counted above, goes no further than here: passed on, the protocol
     * negotiation after logs a stack trace at warning level for each plain HTTP request, garbage
     * or refused hello, and every scanner on the internet would fill the log.
     */
    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) throws Exception {
        SslHandler ssl = context.pipeline().get(SslHandler.class);
        if ((ssl == null || !ssl.handshakeFuture().isSuccess()) && reasonOf(cause) != Reason.OTHER) {
            close(context, cause);
            return;
        }
        super.exceptionCaught(context, cause);
    }

    private static void close(ChannelHandlerContext context, Throwable cause) {
        if (log.isDebugEnabled()) {
            log.debug("TLS handshake with {} failed ({}): {}", context.channel().remoteAddress(),
                    reasonOf(cause).name().toLowerCase(java.util.Locale.ROOT), cause.getMessage());
        }
        context.close();
    }

    /** Once per connection: a failed SNI lookup is reported again each time the buffered hello is decoded. */
    private void countFailure(ChannelHandlerContext context, Throwable cause) {
        if (context.channel().attr(FAILURE_COUNTED).setIfAbsent(Boolean.TRUE) == null) {
            failures[reasonOf(cause).ordinal()].increment();
        }
    }

    static Reason reasonOf(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof NotSslRecordException) {
                return Reason.NOT_TLS;
            }
            if (cause instanceof TlsListener.UnknownServerName) {
                return Reason.UNKNOWN_SERVER_NAME;
            }
            if (cause instanceof SslHandshakeTimeoutException) {
                return Reason.TIMEOUT;
            }
            if (cause instanceof SSLHandshakeException) {
                return Reason.REFUSED;
            }
        }
        return Reason.OTHER;
    }
}
