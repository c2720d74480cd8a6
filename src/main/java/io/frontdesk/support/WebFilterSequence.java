package io.frontdesk.support;

import java.util.List;

import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;

/**
 * Web filters run in order, each handing the exchange straight to the next. The framework's own
 * chain defers every filter and puts a checkpoint after it: two operators per filter that every
 * signal of every request crosses, a dozen filters deep on the request path. Here a filter runs
 * when the one before it calls on the chain, and a filter that throws an exception fails the
 * exchange with it as an error signal, as it would under the framework's chain.
 */
public final class WebFilterSequence implements WebFilter {

    private final WebFilter[] filters;

    public WebFilterSequence(List<WebFilter> filters) {
        this.filters = filters.toArray(WebFilter[]::new);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return new Link(0, chain).filter(exchange);
    }

    /** The rest of the sequence from filter {@code index} on, then {@code after}. */
    private final class Link implements WebFilterChain {

        private final int index;
        private final WebFilterChain after;

        Link(int index, WebFilterChain after) {
            this.index = index;
            this.after = after;
        }

        @Override
        public Mono<Void> filter(ServerWebExchange exchange) {
            if (index == filters.length) {
                return after.filter(exchange);
            }
            try {
                return filters[index].filter(exchange, new Link(index + 1, after));
            } catch (RuntimeException e) {
                return Mono.error(e);
            }
        }
    }
}
