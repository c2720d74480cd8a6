package io.frontdesk.config;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The plain-HTTP side of TLS termination and HSTS. Certificates and protocols are Spring Boot's
 * {@code server.ssl.*} and {@code spring.ssl.bundle.*}.
 *
 * @param httpPort the plain HTTP listener that redirects to HTTPS; -1 turns it off
 * @param redirectPort the HTTPS port named in redirects, when clients reach HTTPS on another
 *        port than the one the gateway listens on (443 behind a load balancer); unset: the
 *        gateway's own HTTPS port
 * @param passThroughPaths path prefixes served over plain HTTP instead of redirected
 * @param hsts the Strict-Transport-Security header on HTTPS responses
 * @param clientIdentityHeader the request header that carries the verified subject of a client
 *        certificate to the backend; always removed from what clients send
 * @param handshakeTimeout the longest a client may take from connecting to a finished handshake
 * @param strictSni whether a client naming no server, or one without a certificate of its own,
 *        is refused instead of getting the default certificate
 */
public record TlsProperties(
        @DefaultValue("8080") int httpPort,
        Integer redirectPort,
        @DefaultValue("/.well-known/acme-challenge/") List<String> passThroughPaths,
        @DefaultValue HstsProperties hsts,
        @DefaultValue("X-Client-Cert-Subject") String clientIdentityHeader,
        @DefaultValue("10s") Duration handshakeTimeout,
        @DefaultValue("false") boolean strictSni) {

    /**
     * @param enabled whether HTTPS responses carry Strict-Transport-Security
     * @param maxAge how long browsers remember to use HTTPS only
     * @param includeSubDomains whether the rule covers every subdomain
     * @param preload whether to ask for inclusion in the browsers' preload lists
     */
    public record HstsProperties(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("365d") Duration maxAge,
            @DefaultValue("false") boolean includeSubDomains,
            @DefaultValue("false") boolean preload) {
    }
}
