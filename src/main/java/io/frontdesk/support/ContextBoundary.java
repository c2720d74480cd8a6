package io.frontdesk.support;

import java.util.function.Function;

import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * Caps the cost of Reactor context lookups in a long operator chain. Every operator that needs
 * the subscriber context (discarding an element, starting a retry or a timer) asks its
 * downstream, which asks its own, up to the first operator that holds one: on a proxied request
 * that walk crosses every filter of the gateway, many times per request. A context write with
 * the identity function holds the context it saw at subscription, so walks from inside stop
 * there. The context itself is unchanged.
 */
public final class ContextBoundary {

    private static final Function<Context, Context> UNCHANGED = Function.identity();

    private ContextBoundary() {
    }

    public static <T> Mono<T> around(Mono<T> inner) {
        return inner.contextWrite(UNCHANGED);
    }
}
