package io.frontdesk.edge;

import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/** Problem responses for failures outside the filter chain (the chain's own are handled by {@link ProblemFilter}). */
public final class ProblemExceptionHandler implements ErrorWebExceptionHandler {

    private final ProblemResponses problems;

    public ProblemExceptionHandler(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        return problems.write(exchange, error);
    }
}
