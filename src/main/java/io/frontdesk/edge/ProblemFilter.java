package io.frontdesk.edge;

import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import io.frontdesk.FilterOrder;
import reactor.core.publisher.Mono;

/**
 * Turns a failed request into a problem response inside the filter chain, so that telemetry
 * around it sees the status and bytes the client really gets.
 */
public final class ProblemFilter implements WebFilter, Ordered {

    private final ProblemResponses problems;

    public ProblemFilter(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return chain.filter(exchange).onErrorResume(error -> problems.write(exchange, error));
    }

    @Override
    public int getOrder() {
        return FilterOrder.PROBLEMS;
    }
}
