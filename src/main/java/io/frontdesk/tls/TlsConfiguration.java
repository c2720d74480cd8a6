package io.frontdesk.tls;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.server.reactive.HttpHandler;

import io.frontdesk.config.FrontdeskProperties;
import io.frontdesk.config.InvalidConfigurationException;
import io.frontdesk.config.TlsProperties;
import io.frontdesk.shield.ConnectionLimits;
import io.micrometer.core.instrument.MeterRegistry;

/** HTTPS extras, active while the gateway serves HTTPS ({@code server.ssl.enabled}, on by default). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "server.ssl.enabled", matchIfMissing = true)
public class TlsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(TlsConfiguration.class);

    @Bean
    HttpsPort httpsPort(FrontdeskProperties properties) {
        Integer redirectPort = properties.tls().redirectPort();
        if (redirectPort != null && (redirectPort < 1 || redirectPort > 65535)) {
            throw new InvalidConfigurationException("frontdesk.tls.redirect-port",
                    "must be a port from 1 to 65535, was " + redirectPort);
        }
        return new HttpsPort(redirectPort);
    }

    @Bean
    @ConditionalOnExpression("${frontdesk.tls.http-port:8080} >= 0")
    HttpRedirectServer httpRedirectServer(FrontdeskProperties properties, Environment environment,
            HttpsPort httpsPort, HttpHandler httpHandler, ConnectionLimits connectionLimits) {
        TlsProperties tls = properties.tls();
        for (int i = 0; i < tls.passThroughPaths().size(); i++) {
            if (!tls.passThroughPaths().get(i).startsWith("/")) {
                throw new InvalidConfigurationException("frontdesk.tls.pass-through-paths[" + i + "]",
                        "a path prefix must start with /");
            }
        }
        return new HttpRedirectServer(environment.getProperty("server.address"), tls.httpPort(),
                tls.passThroughPaths(), httpsPort, httpHandler, connectionLimits::redirectListener);
    }

    @Bean
    @ConditionalOnProperty(name = "frontdesk.tls.hsts.enabled", havingValue = "true")
    HstsFilter hstsFilter(FrontdeskProperties properties) {
        if (properties.tls().hsts().maxAge().isNegative()) {
            throw new InvalidConfigurationException("frontdesk.tls.hsts.max-age", "must not be negative");
        }
        return new HstsFilter(properties.tls().hsts());
    }

    @Bean
    HandshakeObserving handshakeObserving(MeterRegistry registry) {
        return new HandshakeObserving(registry);
    }

    @Bean
    TlsListener tlsListener(ServerProperties server, SslBundles bundles, FrontdeskProperties properties) {
        Duration handshakeTimeout = properties.tls().handshakeTimeout();
        if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
            throw new InvalidConfigurationException("frontdesk.tls.handshake-timeout",
                    "must be longer than zero, was " + handshakeTimeout);
        }
        return new TlsListener(server.getSsl(), bundles, handshakeTimeout, properties.tls().strictSni());
    }

    @Bean
    ServedCertificates servedCertificates(ServerProperties server, SslBundles bundles) {
        return new ServedCertificates(server.getSsl(), bundles);
    }

    @Bean
    ApplicationListener<ApplicationReadyEvent> certificateNotice(Environment environment,
            ServedCertificates certificates) {
        return event -> {
            log.info("HTTPS uses the {} TLS engine", TlsEngine.name());
            if (environment.getProperty(EmbeddedCertificateEnvironment.SELF_SIGNED, Boolean.class, false)) {
                log.warn("Serving HTTPS with a self-signed certificate for localhost made at start-up; "
                        + "configure server.ssl.bundle (or server.ssl.certificate) to serve your own");
            }
            certificates.report();
        };
    }
}
