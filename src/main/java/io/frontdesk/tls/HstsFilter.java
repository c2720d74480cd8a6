package io.frontdesk.tls;

import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import io.frontdesk.FilterOrder;
import io.frontdesk.config.TlsProperties.HstsProperties;
import reactor.core.publisher.Mono;

/**
 * Strict-Transport-Security on every HTTPS response (never on plain HTTP, where browsers ignore
 * it), replacing any the backend sent so that the gateway's policy is the one in force.
 */
public final class HstsFilter implements WebFilter, Ordered {

    static final String HEADER = "Strict-Transport-Security";

    private final String value;

    public HstsFilter(HstsProperties hsts) {
        this.value = "max-age=" + hsts.maxAge().toSeconds() + (hsts.includeSubDomains() ? "; includeSubDomains" : "")
                + (hsts.preload() ? "; preload" : "");
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (exchange.getRequest().getSslInfo() != null) {
            exchange.getResponse().beforeCommit(() -> {
                exchange.getResponse().getHeaders().set(HEADER, value);
                return Mono.empty();
            });
        }
        return chain.filter(exchange);
    }

    String value() {
        return value;
    }

    @Override
    public int getOrder() {
        return FilterOrder.HSTS;
    }
}
