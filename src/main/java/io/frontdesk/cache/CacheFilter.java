package io.frontdesk.cache;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

import org.reactivestreams.Publisher;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;

import io.frontdesk.support.ExchangeWith;
import io.frontdesk.tracing.TraceSpan;
import io.frontdesk.tracing.Tracing;
import io.frontdesk.FilterOrder;
import io.frontdesk.cache.CacheMetrics.Result;
import io.frontdesk.support.ExchangeEnd;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The cache on one route, with its policy: answers from stored responses when RFC 9111 allows,
 * forwards (conditionally when it can) when it does not, stores what may be stored, serves stale
 * responses when the backend fails and the response allows it, and makes concurrent misses for
 * one key wait for the first.
 */
final class CacheFilter implements GatewayFilter, Ordered {

    /** Safe methods (RFC 9110 section 9.2.1): every other one, extension methods included, may change state. */
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
            HttpMethod.TRACE);
    /** Response fields naming other URLs an unsafe request may have changed (RFC 9111 section 4.4). */
    private static final List<String> CHANGED_ELSEWHERE = List.of(HttpHeaders.LOCATION, HttpHeaders.CONTENT_LOCATION);
    /** Request fields the cache replaces with its own validators when it revalidates an entry. */
    private static final List<String> CLIENT_CONDITIONS = List.of(HttpHeaders.IF_NONE_MATCH,
            HttpHeaders.IF_MODIFIED_SINCE, HttpHeaders.IF_MATCH, HttpHeaders.IF_UNMODIFIED_SINCE, HttpHeaders.IF_RANGE,
            HttpHeaders.RANGE);

    private final CachePolicy policy;
    private final ResponseCache cache;
    private final Coalescer coalescer;
    private final CacheMetrics metrics;
    private final Duration coalescingTimeout;
    private final LongSupplier clock;
    private final Tracing tracing;

    CacheFilter(CachePolicy policy, ResponseCache cache, Coalescer coalescer, CacheMetrics metrics,
            Duration coalescingTimeout, LongSupplier clock, Tracing tracing) {
        this.policy = policy;
        this.cache = cache;
        this.coalescer = coalescer;
        this.metrics = metrics;
        this.coalescingTimeout = coalescingTimeout;
        this.clock = clock;
        this.tracing = tracing;
    }

    @Override
    public int getOrder() {
        return FilterOrder.CACHE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        HttpMethod method = request.getMethod();
        withoutTargetedFields(exchange.getResponse());
        if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
            return SAFE.contains(method) ? chain.filter(exchange) : invalidatingAfter(exchange, chain);
        }
        Lookup lookup = new Lookup(exchange, CacheKeys.primary(request, policy),
                requestControl(request.getHeaders()), routeId(exchange));
        return cache.lookup(lookup.key, request.getHeaders()).flatMap(found -> answer(chain, lookup, found));
    }

    private Mono<Void> answer(GatewayFilterChain chain, Lookup lookup, ResponseCache.Lookup found) {
        StoredResponse stored = found.response();
        if (stored == null) {
            return lookup.control.has("only-if-cached") ? notCached(lookup, found.missReason())
                    : coalescedMiss(chain, lookup, found.missReason());
        }
        if (!CachedResponseWriter.canAnswer(lookup.exchange.getRequest(), stored)) {
            // A part that does not hold the range asked for: the request goes as it is, and the
            // part it brings back is combined with what is held.
            return lookup.control.has("only-if-cached") ? notCached(lookup, "partial")
                    : forward(chain, lookup, null, "partial", false);
        }
        long now = clock.getAsLong();
        if (!lookup.control.has("no-cache") && !stored.alwaysRevalidate()) {
            if (fresh(stored, now, lookup.control)) {
                return hit(lookup, stored, now, CacheStatus.hit().ttl(stored.timeToLive(now)), Result.HIT);
            }
            if (stored.timeToLive(now) <= 0 && !stored.forbidsStale() && maxStaleAllows(lookup.control, stored, now)) {
                return hit(lookup, stored, now, CacheStatus.hit().ttl(stored.timeToLive(now)).detail("max-stale"),
                        Result.STALE);
            }
            if (staleWhileRevalidateAllows(stored, now)) {
                refreshInBackground(chain, lookup, stored);
                return hit(lookup, stored, now,
                        CacheStatus.hit().ttl(stored.timeToLive(now)).detail("stale-while-revalidate"), Result.STALE);
            }
        }
        if (lookup.control.has("only-if-cached")) {
            return notCached(lookup, "stale");
        }
        boolean byRequest = lookup.control.has("no-cache") || stored.timeToLive(now) > 0 && !stored.alwaysRevalidate();
        return forward(chain, lookup, stored, byRequest ? "request" : "stale", false);
    }

    /**
     * Everything one request's cache handling needs to carry along. A background lookup refreshes
     * an entry for nobody in particular: it is not counted as a request.
     */
    private record Lookup(ServerWebExchange exchange, String key, CacheControl control, String route,
            HttpHeaders ownHeaders, boolean background, Coalescer.Flight flight) {

        Lookup(ServerWebExchange exchange, String key, CacheControl control, String route) {
            this(exchange, key, control, route, HttpHeaders.copyOf(exchange.getResponse().getHeaders()), false,
                    null);
        }

        Lookup inBackground(Coalescer.Flight flight) {
            return new Lookup(new BackgroundExchange(exchange), key, CacheControl.parse(null), route, ownHeaders,
                    true, flight);
        }

        /** This lookup leading a flight: the waiting requests are let go as soon as the response is stored. */
        Lookup leading(Coalescer.Flight flight) {
            return new Lookup(exchange, key, control, route, ownHeaders, background, flight);
        }

        void stored() {
            if (flight != null) {
                flight.land();
            }
        }
    }

    private void count(Lookup lookup, Result result) {
        if (!lookup.background) {
            metrics.result(lookup.route, result);
        }
    }

    private boolean staleWhileRevalidateAllows(StoredResponse stored, long now) {
        long ttl = stored.timeToLive(now);
        return ttl <= 0 && !stored.forbidsStale() && -ttl <= stored.staleWhileRevalidate(policy);
    }

    /**
     * One refresh per key at a time, after the client has its stale answer; it boards the
     * coalescer, so misses that arrive meanwhile wait for it rather than fetch again. It runs
     * apart from the client's exchange, so it has an end of its own: what the filters after this
     * one hold for it is given back once its response has been read.
     */
    private void refreshInBackground(GatewayFilterChain chain, Lookup lookup, StoredResponse stored) {
        Coalescer.Flight flight = coalescer.board(lookup.key);
        if (!flight.leader()) {
            return;
        }
        Lookup background = lookup.inBackground(flight);
        TraceSpan span = tracing.startRefresh(background.exchange, lookup.route);
        ExchangeEnd.around(background.exchange, forward(chain, background, stored, "stale", false))
                .doOnError(span::error)
                .doFinally(signal -> {
                    flight.land();
                    span.end();
                })
                .subscribe(null, error -> metrics.revalidation(lookup.route, "failed"));
    }

    private static boolean fresh(StoredResponse stored, long now, CacheControl request) {
        long ttl = stored.timeToLive(now);
        if (ttl <= 0) {
            return false;
        }
        long maxAge = request.seconds("max-age");
        if (maxAge >= 0 && stored.currentAge(now) > maxAge * 1000) {
            return false;
        }
        long minFresh = request.seconds("min-fresh");
        return minFresh < 0 || ttl >= minFresh * 1000;
    }

    private static boolean maxStaleAllows(CacheControl request, StoredResponse stored, long now) {
        if (!request.has("max-stale")) {
            return false;
        }
        long maxStale = request.seconds("max-stale");
        return maxStale < 0 || -stored.timeToLive(now) <= maxStale * 1000;
    }

    private Mono<Void> hit(Lookup lookup, StoredResponse stored, long now, CacheStatus status, Result result) {
        count(lookup, result);
        return requestBodyDrained(lookup.exchange).then(Mono.defer(() -> CachedResponseWriter.write(
                lookup.exchange.getRequest(), lookup.exchange.getResponse(), lookup.ownHeaders, stored, now, status)));
    }

    /**
     * Reads (and drops) the request body the backend will not get. Reactor Netty holds a pipelined
     * HTTP/1.1 request behind the unread body of the one before, so a keep-alive client whose next
     * request arrives before this exchange ends would otherwise wait forever. A body the failed
     * forward attempt already read cannot be read again; that is fine here.
     */
    private static Mono<Void> requestBodyDrained(ServerWebExchange exchange) {
        return exchange.getRequest().getBody().doOnNext(DataBufferUtils::release).onErrorResume(error -> Mono.empty())
                .then();
    }

    /** only-if-cached with nothing usable: 504, as RFC 9111 section 5.2.1.7 says. */
    private Mono<Void> notCached(Lookup lookup, String reason) {
        count(lookup, Result.MISS);
        ServerWebExchange exchange = lookup.exchange;
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatus.GATEWAY_TIMEOUT);
        response.getHeaders().set(CacheStatus.HEADER, CacheStatus.forward(reason).detail("only-if-cached").toString());
        response.getHeaders().setContentLength(0);
        return requestBodyDrained(exchange).then(response.setComplete());
    }

    private Mono<Void> coalescedMiss(GatewayFilterChain chain, Lookup lookup, String reason) {
        Coalescer.Flight flight = coalescer.board(lookup.key);
        if (flight.leader()) {
            return forward(chain, lookup.leading(flight), null, reason, false).doFinally(signal -> flight.land());
        }
        metrics.coalesced(lookup.route);
        return flight.landed().timeout(coalescingTimeout, Mono.empty())
                .then(Mono.defer(() -> cache.lookup(lookup.key, lookup.exchange.getRequest().getHeaders())))
                .flatMap(found -> {
                    StoredResponse stored = found.response();
                    if (stored == null || !CachedResponseWriter.canAnswer(lookup.exchange.getRequest(), stored)) {
                        return forward(chain, lookup, null, reason, true);
                    }
                    long now = clock.getAsLong();
                    if (!stored.alwaysRevalidate() && fresh(stored, now, lookup.control)) {
                        return hit(lookup, stored, now,
                                CacheStatus.forward(reason).collapsed().ttl(stored.timeToLive(now)), Result.HIT);
                    }
                    // Stored, but not to be used as it is (already stale, or always revalidated): the usual way.
                    return answer(chain, lookup, found);
                });
    }

    /** Sends the request to the backend, conditionally when an entry with validators is there to refresh. */
    private Mono<Void> forward(GatewayFilterChain chain, Lookup lookup, StoredResponse stored, String reason,
            boolean collapsed) {
        ServerWebExchange exchange = lookup.exchange;
        ServerHttpRequest request = exchange.getRequest();
        boolean conditional = stored != null && stored.hasValidators();
        if (conditional) {
            request = request.mutate().headers(headers -> {
                CLIENT_CONDITIONS.forEach(headers::remove);
                if (stored.etag() != null) {
                    headers.set(HttpHeaders.IF_NONE_MATCH, stored.etag());
                }
                if (stored.lastModified() != null) {
                    headers.set(HttpHeaders.IF_MODIFIED_SINCE, stored.lastModified());
                }
            }).build();
        }
        if (request.getMethod() == HttpMethod.HEAD) {
            // As nginx's proxy_cache_convert_head: the backend is asked for the whole response, which
            // is stored; the client still gets headers only (WebFlux drops the body of a HEAD answer).
            request = request.mutate().method(HttpMethod.GET).build();
        }
        CachingResponse response = new CachingResponse(lookup, stored, conditional, reason, collapsed,
                clock.getAsLong());
        return chain.filter(ExchangeWith.parts(exchange, request, response))
                .onErrorResume(error -> {
                    long now = clock.getAsLong();
                    if (stored == null || exchange.getResponse().isCommitted() || !staleIfErrorAllows(stored, lookup,
                            now)) {
                        return Mono.error(error);
                    }
                    return hit(lookup, stored, now, CacheStatus.forward("stale").ttl(stored.timeToLive(now))
                            .detail("stale-if-error"), Result.STALE);
                });
    }

    /**
     * Whether a failed validation may be answered with the stored response: never one that says
     * no-cache, which must not be used unvalidated (RFC 9111 section 4.2.4), fresh or not.
     */
    private boolean staleIfErrorAllows(StoredResponse stored, Lookup lookup, long now) {
        if (stored.alwaysRevalidate()) {
            return false;
        }
        long ttl = stored.timeToLive(now);
        if (ttl > 0) {
            return true;
        }
        if (stored.forbidsStale()) {
            return false;
        }
        long allowed = Math.max(stored.staleIfError(policy), lookup.control.seconds("stale-if-error") * 1000);
        return -ttl <= allowed;
    }

    /**
     * Invalidates the target URL, and the Location and Content-Location of the response when they
     * are on the same host, after a non-error response (RFC 9111 section 4.4). Done before the
     * response is committed, so the client's next request cannot see the old entry.
     */
    private Mono<Void> invalidatingAfter(ServerWebExchange exchange, GatewayFilterChain chain) {
        ServerHttpResponse response = exchange.getResponse();
        response.beforeCommit(() -> {
            HttpStatusCode status = response.getStatusCode();
            if (status == null || !status.is2xxSuccessful() && !status.is3xxRedirection()) {
                return Mono.empty();
            }
            URI target = exchange.getRequest().getURI();
            List<Mono<Void>> invalidations = new ArrayList<>();
            invalidations.add(cache.invalidate(CacheKeys.url(target, policy::ignoresParameter)));
            for (String field : CHANGED_ELSEWHERE) {
                URI other = sameHost(target, response.getHeaders().getFirst(field));
                if (other != null) {
                    invalidations.add(cache.invalidate(CacheKeys.url(other, policy::ignoresParameter)));
                }
            }
            return Mono.when(invalidations);
        });
        return chain.filter(exchange);
    }

    /** The reference resolved against the target, when it is on the target's host and port; else {@code null}. */
    private static URI sameHost(URI target, String reference) {
        if (reference == null) {
            return null;
        }
        try {
            URI resolved = target.resolve(reference.trim());
            return target.getHost() != null && target.getHost().equalsIgnoreCase(resolved.getHost())
                    && target.getPort() == resolved.getPort() ? resolved : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The fields on the policy's target list were meant for this cache (RFC 9213): they do not go
     * on to the client, whether the answer comes from the backend or from the cache.
     */
    private void withoutTargetedFields(ServerHttpResponse response) {
        if (!policy.targetedFields().isEmpty()) {
            response.beforeCommit(() -> {
                policy.targetedFields().forEach(response.getHeaders()::remove);
                return Mono.empty();
            });
        }
    }

    private static CacheControl requestControl(HttpHeaders request) {
        List<String> cacheControl = request.get(HttpHeaders.CACHE_CONTROL);
        if (cacheControl == null && request.containsHeaderValue(HttpHeaders.PRAGMA, "no-cache")) {
            return CacheControl.parse(List.of("no-cache"));
        }
        return CacheControl.parse(cacheControl);
    }

    private static String routeId(ServerWebExchange exchange) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        return route == null ? "unknown" : route.getId();
    }

    /**
     * The response on its way from the backend: replaced by the stored one after a 304 or a 5xx
     * that stale-if-error covers, otherwise passed through and copied into the cache when it may
     * be stored.
     */
    private final class CachingResponse extends ServerHttpResponseDecorator {

        private final Lookup lookup;
        private final StoredResponse stored;
        private final boolean conditional;
        private final String reason;
        private final boolean collapsed;
        private final long requestTime;

        CachingResponse(Lookup lookup, StoredResponse stored, boolean conditional, String reason, boolean collapsed,
                long requestTime) {
            super(lookup.exchange.getResponse());
            this.lookup = lookup;
            this.stored = stored;
            this.conditional = conditional;
            this.reason = reason;
            this.collapsed = collapsed;
            this.requestTime = requestTime;
        }

        @Override
        public Mono<Void> setComplete() {
            return writeWith(Flux.empty());
        }

        @Override
        public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
            int status = getStatusCode() == null ? 200 : getStatusCode().value();
            long responseTime = clock.getAsLong();
            if (conditional && status == HttpStatus.NOT_MODIFIED.value()) {
                return discard(body).then(Mono.defer(() -> refreshed(responseTime)));
            }
            if (stored != null && status >= 500 && staleIfErrorAllows(stored, lookup, responseTime)) {
                count(lookup, Result.STALE);
                CacheStatus cacheStatus = CacheStatus.forward("stale").forwardStatus(status)
                        .ttl(stored.timeToLive(responseTime)).detail("stale-if-error");
                return discard(body).then(Mono.defer(() -> CachedResponseWriter.write(lookup.exchange.getRequest(),
                        getDelegate(), lookup.ownHeaders, stored, responseTime, cacheStatus)));
            }
            if (conditional) {
                metrics.revalidation(lookup.route, "modified");
            }
            count(lookup, Result.MISS);
            return passThrough(body, status, responseTime);
        }

        private Mono<Void> refreshed(long responseTime) {
            metrics.revalidation(lookup.route, "not_modified");
            count(lookup, Result.REVALIDATED);
            if (!stored.freshenedBy(getHeaders())) {
                // The backend confirmed what it was asked about, so the stored response answers this
                // request; but the 304 describes another representation and must not update it.
                return CachedResponseWriter.write(lookup.exchange.getRequest(), getDelegate(), lookup.ownHeaders,
                        stored, responseTime, CacheStatus.forward(reason).forwardStatus(304)
                                .ttl(stored.timeToLive(responseTime)));
            }
            StoredResponse refreshed = stored.refreshedBy(backendHeaders(), requestTime, responseTime, policy,
                    path());
            CacheStatus cacheStatus = CacheStatus.forward(reason).forwardStatus(304);
            if (refusal(stored.status(), refreshed.headers()) == null) {
                cache.store(lookup.key, lookup.exchange.getRequest().getHeaders(), refreshed, policy, responseTime);
                lookup.stored();
                cacheStatus.stored();
            }
            return CachedResponseWriter.write(lookup.exchange.getRequest(), getDelegate(), lookup.ownHeaders,
                    refreshed, responseTime, cacheStatus.ttl(refreshed.timeToLive(responseTime)));
        }

        private Mono<Void> passThrough(Publisher<? extends DataBuffer> body, int status, long responseTime) {
            CacheStatus cacheStatus = CacheStatus.forward(reason).forwardStatus(status);
            if (collapsed) {
                cacheStatus.collapsed();
            }
            HttpHeaders headers = getHeaders();
            String refusal = refusal(status, headers);
            long contentLength = headers.getContentLength();
            if (refusal == null && contentLength > policy.maxObjectSize()) {
                refusal = "too-large";
            }
            if (refusal != null) {
                headers.set(CacheStatus.HEADER, cacheStatus.detail(refusal).toString());
                return super.writeWith(body);
            }
            HttpHeaders kept = backendHeaders();
            if (policy.storeSetCookie()) {
                kept.remove(HttpHeaders.SET_COOKIE);
            }
            StoredResponse preview = StoredResponse.received(status, kept, new byte[0], requestTime, responseTime,
                    policy, path());
            cacheStatus.ttl(preview.timeToLive(responseTime));
            if (contentLength >= 0) {
                cacheStatus.stored();
            }
            headers.set(CacheStatus.HEADER, cacheStatus.toString());
            BodyCapture capture = new BodyCapture(policy.maxObjectSize(), contentLength);
            Runnable store = () -> {
                byte[] bytes = capture.take();
                if (bytes != null) {
                    cache.store(lookup.key, lookup.exchange.getRequest().getHeaders(), StoredResponse.received(status,
                            kept, bytes, requestTime, responseTime, policy, path()), policy, responseTime);
                    lookup.stored();
                    metrics.stored(lookup.route);
                }
            };
            // Stored as soon as the declared length has arrived, before its last bytes go out: a client
            // that has read the whole response may ask again at once, and must find it stored.
            return super.writeWith(Flux.from(body).doOnNext(buffer -> {
                capture.add(buffer);
                if (capture.complete()) {
                    store.run();
                }
            }).doOnComplete(store));
        }

        private String refusal(int status, HttpHeaders response) {
            ServerHttpRequest request = lookup.exchange.getRequest();
            return Storability.refusal(request.getHeaders(), lookup.control, status, response,
                    ResponseDirectives.of(response, policy.targetedFields()), policy);
        }

        /**
         * The backend's header fields as the client would get them, without the gateway's own
         * and without those the response says a shared cache must not keep.
         */
        private HttpHeaders backendHeaders() {
            HttpHeaders kept = HttpHeaders.copyOf(getHeaders());
            lookup.ownHeaders.headerNames().forEach(kept::remove);
            kept.remove(CacheStatus.HEADER);
            kept.remove(HttpHeaders.TRANSFER_ENCODING);
            CacheControl control = ResponseDirectives.of(kept, policy.targetedFields()).control();
            control.fieldNames("private").forEach(kept::remove);
            control.fieldNames("no-cache").forEach(kept::remove);
            return kept;
        }

        private String path() {
            String path = lookup.exchange.getRequest().getURI().getRawPath();
            return path == null ? "/" : path;
        }

        private Mono<Void> discard(Publisher<? extends DataBuffer> body) {
            return Flux.from(body).doOnNext(DataBufferUtils::release).then();
        }
    }
}
