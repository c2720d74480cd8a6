package io.frontdesk.edge;

import java.util.ArrayList;
import java.util.List;

import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import org.springframework.cloud.gateway.config.GlobalCorsProperties;
import org.springframework.cloud.gateway.handler.FilteringWebHandler;
import org.springframework.cloud.gateway.handler.RoutePredicateHandlerMapping;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.env.Environment;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * The framework's route matching, asking the routes' predicates one route at a time, in order; the
 * first route whose predicate holds is the request's.
 *
 * <p>The route locator replays its cached routes at once when subscribed to, and most predicates
 * (paths, hosts, methods, headers) answer at once too. So the routes and their predicates are
 * subscribed to right here, each answer read as it is given, with no operator between them and
 * this mapping. The framework's own matching puts a window of 256 routes and an operator per route
 * in between, and cancelling the window at the first match offers its slots to the discard hook of
 * the request's Reactor context, found by walking every operator of the request. From the first
 * predicate that answers later (one that reads the body) the remaining routes are asked the
 * reactive way, one at a time; while the routes are still being loaded, all of them are.
 */
public final class FirstMatchRouteMapping extends RoutePredicateHandlerMapping {

    private final RouteLocator routes;

    public FirstMatchRouteMapping(FilteringWebHandler webHandler, RouteLocator routes, GlobalCorsProperties cors,
            Environment environment) {
        super(webHandler, routes, cors, environment);
        this.routes = routes;
    }

    @Override
    protected Mono<Route> lookupRoute(ServerWebExchange exchange) {
        RouteScan scan = new RouteScan(exchange);
        routes.getRoutes().subscribe(scan);
        Mono<Route> found;
        if (!scan.complete()) {
            scan.abandon();
            found = routes.getRoutes().filterWhen(route -> matches(route, exchange), 1).next();
        } else if (scan.failure != null) {
            found = Mono.error(scan.failure);
        } else if (scan.undecided != null) {
            Route first = scan.undecided.get(0);
            found = Flux.fromIterable(scan.undecided)
                    .filterWhen(route -> route == first ? scan.firstAnswer.later() : matches(route, exchange), 1)
                    .next();
        } else {
            found = scan.matched == null ? Mono.empty() : Mono.just(scan.matched);
        }
        return found.map(route -> matched(route, exchange));
    }

    private Route matched(Route route, ServerWebExchange exchange) {
        if (logger.isDebugEnabled()) {
            logger.debug("Route matched: " + route.getId());
        }
        validateRoute(route, exchange);
        return route;
    }

    /** Whether the route's predicate holds; a predicate that throws does not, and is logged. */
    private Publisher<Boolean> matches(Route route, ServerWebExchange exchange) {
        exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_PREDICATE_ROUTE_ATTR, route.getId());
        try {
            return route.getPredicate().apply(exchange);
        } catch (RuntimeException e) {
            logger.error("Error applying predicate for route: " + route.getId(), e);
            return Mono.just(false);
        }
    }

    /**
     * Reads the routes as the locator gives them, asking each route's predicate while predicates
     * answer at once, up to the first that holds or fails (failing the lookup, as under
     * {@code filterWhen}). What it found counts only when the locator has given every route by the
     * time it returns from {@code subscribe}.
     */
    private final class RouteScan extends LookupSubscriber<Route> {

        private final ServerWebExchange exchange;
        private volatile boolean abandoned;
        /** Written after what it found, so that a scan the locator finished on another thread is read whole. */
        private volatile boolean complete;
        private Route matched;
        private Throwable failure;
        /** The route whose predicate answers later, and every route after it. */
        private List<Route> undecided;
        private Answer firstAnswer;

        RouteScan(ServerWebExchange exchange) {
            super(requestContext(exchange), Long.MAX_VALUE);
            this.exchange = exchange;
        }

        @Override
        public void onNext(Route route) {
            if (abandoned || complete) {
                return;
            }
            if (undecided != null) {
                undecided.add(route);
                return;
            }
            Answer answer = new Answer(currentContext());
            matches(route, exchange).subscribe(answer);
            if (!answer.given()) {
                undecided = new ArrayList<>();
                undecided.add(route);
                firstAnswer = answer;
                return;
            }
            if (answer.error != null) {
                failure = answer.error;
            } else if (Boolean.TRUE.equals(answer.value)) {
                matched = route;
            } else {
                return;
            }
            complete = true;
            upstream.cancel();
        }

        @Override
        public void onError(Throwable error) {
            if (!abandoned) {
                failure = error;
                complete = true;
            }
        }

        @Override
        public void onComplete() {
            complete = true;
        }

        boolean complete() {
            return complete;
        }

        /** The routes came too late: what arrives from here on is ignored, and asked the reactive way. */
        void abandon() {
            abandoned = true;
            if (upstream != null) {
                upstream.cancel();
            }
            if (firstAnswer != null) {
                firstAnswer.upstream.cancel();
            }
        }
    }

    /** The request's Reactor context, which the framework's mapping keeps in the exchange during the lookup. */
    private static Context requestContext(ServerWebExchange exchange) {
        ContextView view = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_REACTOR_CONTEXT_ATTR);
        return view == null ? Context.empty() : Context.of(view);
    }

    /**
     * A predicate's answer: its first value, or none when it completes without one (it does not
     * hold then, as under {@code filterWhen}), or its failure. Most answer while being subscribed
     * to; one that answers later is handed on through {@link #later()}.
     */
    private static final class Answer extends LookupSubscriber<Boolean> {

        private boolean given;
        private Boolean value;
        private Throwable error;
        private Sinks.Empty<Void> later;

        Answer(Context context) {
            super(context, 1);
        }

        @Override
        public synchronized void onNext(Boolean answer) {
            if (!given) {
                upstream.cancel();
                settle(answer, null);
            }
        }

        @Override
        public synchronized void onError(Throwable failure) {
            if (!given) {
                settle(null, failure);
            }
        }

        @Override
        public synchronized void onComplete() {
            if (!given) {
                settle(null, null);
            }
        }

        private void settle(Boolean answer, Throwable failure) {
            given = true;
            value = answer;
            error = failure;
            if (later != null) {
                later.tryEmitEmpty();
            }
        }

        synchronized boolean given() {
            return given;
        }

        /** The answer, when it comes; cancelled, the predicate is too. */
        synchronized Mono<Boolean> later() {
            later = Sinks.empty();
            Mono<Boolean> settled = Mono.defer(() -> error != null ? Mono.error(error) : Mono.justOrEmpty(value));
            return given ? settled : later.asMono().then(settled).doOnCancel(upstream::cancel);
        }
    }

    /** A subscriber of the lookup's own, in the request's context, asking for {@code demand} items at once. */
    private abstract static class LookupSubscriber<T> implements CoreSubscriber<T> {

        private final Context context;
        private final long demand;
        Subscription upstream;

        LookupSubscriber(Context context, long demand) {
            this.context = context;
            this.demand = demand;
        }

        @Override
        public Context currentContext() {
            return context;
        }

        @Override
        public void onSubscribe(Subscription subscription) {
            upstream = subscription;
            subscription.request(demand);
        }
    }
}
