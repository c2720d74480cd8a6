package io.frontdesk.balancer;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.reactive.ServerWebExchangeContextFilter;
import org.springframework.web.server.ServerWebExchange;

import io.frontdesk.edge.EarlyHints;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import reactor.netty.channel.ChannelOperations;

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

    InterimResponseHandler(InterimResponseMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpResponse response && isInterim(response)) {
            inInterim = true;
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
        ChannelOperations<?, ?> request = ChannelOperations.get(ctx.channel());
        return request == null ? null
                : ServerWebExchangeContextFilter.getExchange(request.currentContext()).orElse(null);
    }
}
