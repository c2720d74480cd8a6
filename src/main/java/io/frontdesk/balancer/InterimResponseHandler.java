package io.frontdesk.balancer;

import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

import io.frontdesk.edge.EarlyHints;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import reactor.netty.channel.ChannelOperations;
import reactor.netty.http.HttpInfos;

/**
 * Keeps a backend's informational responses from Reactor Netty's client, which takes any but 100
 * Continue for the final response. It sits between the HTTP codec and the client, one per backend
 * connection: 103 Early Hints goes on to the client of the exchange in progress, other 1xx are
 * dropped, 100 (which the client handles) and 101 (an upgrade) pass.
 */
final class InterimResponseHandler extends ChannelInboundHandlerAdapter {

    private final InterimResponseMetrics metrics;
    /** After an interim head, until the empty end the codec gives every 1xx. */
    private boolean inInterim;
    /** After an interim response, until the final one. */
    private boolean awaitingFinal;

    InterimResponseHandler(InterimResponseMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpResponse response && isInterim(response)) {
            inInterim = true;
            awaitingFinal = true;
            if (response.status().code() == HttpResponseStatus.EARLY_HINTS.code()) {
                ServerWebExchange exchange = exchangeOf(ctx);
                metrics.earlyHints(exchange != null
                        && EarlyHints.forward(exchange, response.headers().getAll(HttpHeaders.LINK)));
            } else {
                metrics.otherDropped();
            }
            ReferenceCountUtil.release(msg);
        } else if (inInterim && msg instanceof LastHttpContent) {
            inInterim = false;
            ReferenceCountUtil.release(msg);
            // Reactor Netty reads only on demand, and it still waits for the final response.
            ctx.read();
        } else if (awaitingFinal && msg instanceof HttpResponse response) {
            awaitingFinal = false;
            if (answersHead(ctx)) {
                endWithoutBody(ctx, response);
            } else {
                ctx.fireChannelRead(msg);
            }
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    private static boolean isInterim(HttpResponse response) {
        HttpResponseStatus status = response.status();
        return status.codeClass() == HttpStatusClass.INFORMATIONAL
                && status.code() != HttpResponseStatus.CONTINUE.code()
                && status.code() != HttpResponseStatus.SWITCHING_PROTOCOLS.code()
                && response.decoderResult().isSuccess();
    }

    /** The exchange the connection's request in progress belongs to, from its subscriber context. */
    private static ServerWebExchange exchangeOf(ChannelHandlerContext ctx) {
        BackendCall call = BackendCall.on(ctx);
        return call == null ? null : call.exchange();
    }

    private static boolean answersHead(ChannelHandlerContext ctx) {
        return ChannelOperations.get(ctx.channel()) instanceof HttpInfos request
                && HttpMethod.HEAD.equals(request.method());
    }

    /**
     * Netty's codec pairs a 1xx with the request it answers, so it reads the final response to a
     * HEAD as if to a GET and waits for a body that never comes. The response ends here instead,
     * and the connection, whose codec is out of step, is closed rather than reused.
     */
    private static void endWithoutBody(ChannelHandlerContext ctx, HttpResponse response) {
        HttpUtil.setKeepAlive(response, false);
        ctx.fireChannelRead(response);
        ctx.fireChannelRead(LastHttpContent.EMPTY_LAST_CONTENT);
    }
}
