package io.frontdesk.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import io.frontdesk.FilterOrder;
import io.frontdesk.edge.RejectedRequest;
import reactor.core.publisher.Mono;

/**
 * Every management request that may change state (anything but GET, HEAD and OPTIONS) must
 * carry {@code Authorization: Bearer TOKEN} with the configured token. Without a configured
 * token such requests are refused outright. Reading (health, metrics, backends) stays open.
 * It lives in the management server's own context, so public requests never pass through it.
 */
public final class ManagementAccessFilter implements WebFilter, Ordered {

    private static final Set<HttpMethod> READING = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
    private static final HttpHeaders CHALLENGE = HttpHeaders.readOnlyHttpHeaders(challenge());

    private final byte[] expected;

    /** @param token the bearer token, or {@code null} to refuse every state-changing request */
    public ManagementAccessFilter(String token) {
        this.expected = token == null ? null : ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (READING.contains(exchange.getRequest().getMethod())) {
            return chain.filter(exchange);
        }
        if (expected == null) {
            return Mono.error(new RejectedRequest(HttpStatus.FORBIDDEN, "management_disabled",
                    "Management operations that change state are disabled; set frontdesk.management.token."));
        }
        String given = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (given == null || !MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
            return Mono.error(new RejectedRequest(HttpStatus.UNAUTHORIZED, "management_token",
                    "This management operation needs a valid bearer token.", CHALLENGE));
        }
        return chain.filter(exchange);
    }

    private static HttpHeaders challenge() {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"frontdesk-management\"");
        return headers;
    }

    @Override
    public int getOrder() {
        return FilterOrder.MANAGEMENT_ACCESS;
    }
}
