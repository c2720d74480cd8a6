package io.frontdesk.shield;

import reactor.core.publisher.Mono;

/** Decides, for one rate limit, whether a request with a given key may pass, and takes its token if so. */
interface Limiter {

    RateLimit limit();

    Mono<Decision> acquire(String key);

    /** Gives back the token of an allowed request that another limit refused, where the store allows it. */
    void refund(String key);
}
