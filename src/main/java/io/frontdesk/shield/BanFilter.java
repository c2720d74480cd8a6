package io.frontdesk.shield;

import java.time.Instant;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import io.frontdesk.FilterOrder;
import io.frontdesk.net.AddressBlocks;
import io.frontdesk.edge.EdgeAttributes;
import io.frontdesk.edge.ManagementPort;
import io.frontdesk.edge.RejectedRequest;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Turns away banned and denied clients before any other work: 403 with the ban's end, or the
 * connection closed unanswered. Allow-listed clients are marked so that no limit applies to them.
 * Management requests are never turned away.
 */
public final class BanFilter implements WebFilter, Ordered {

    private static final HttpStatusCode CLOSED_UNANSWERED = HttpStatusCode.valueOf(444);

    private final BanList bans;
    private final AddressBlocks allow;
    private final AddressBlocks deny;
    private final boolean close;
    private final ManagementPort managementPort;

    public BanFilter(BanList bans, AddressBlocks allow, AddressBlocks deny, boolean close,
            ManagementPort managementPort) {
        this.bans = bans;
        this.allow = allow;
        this.deny = deny;
        this.close = close;
        this.managementPort = managementPort;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String client = exchange.getAttribute(EdgeAttributes.CLIENT_ADDRESS);
        if (client == null || managementPort.received(exchange)) {
            return chain.filter(exchange);
        }
        if (!allow.isEmpty() && allow.contains(client)) {
            exchange.getAttributes().put(ShieldAttributes.ALLOW_LISTED, Boolean.TRUE);
            return chain.filter(exchange);
        }
        if (!deny.isEmpty() && deny.contains(client)) {
            return refuse(exchange, "Requests from your address are not accepted.", null);
        }
        Ban ban = bans.banOf(client);
        if (ban != null) {
            exchange.getAttributes().put(ShieldAttributes.BANNED, ban.cause());
            return refuse(exchange, "Your address is banned until " + Instant.ofEpochMilli(ban.until()) + ": "
                    + ban.reason() + ".", ban);
        }
        return chain.filter(exchange);
    }

    private Mono<Void> refuse(ServerWebExchange exchange, String detail, Ban ban) {
        bans.countRefused();
        if (close) {
            Object response = ServerHttpResponseDecorator.getNativeResponse(exchange.getResponse());
            if (response instanceof HttpServerResponse netty) {
                // Never sent; the access log shows it, as nginx logs its unanswered "return 444".
                exchange.getResponse().setStatusCode(CLOSED_UNANSWERED);
                netty.withConnection(connection -> connection.channel().close());
                return Mono.empty();
            }
        }
        HttpHeaders headers = new HttpHeaders();
        if (ban != null) {
            long seconds = Math.max(1, (ban.until() - System.currentTimeMillis() + 999) / 1000);
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        }
        return Mono.error(new RejectedRequest(HttpStatus.FORBIDDEN, "ban", detail, headers));
    }

    @Override
    public int getOrder() {
        return FilterOrder.BANS;
    }
}
