package io.frontdesk.tls;

import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerSslBundle;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The certificates the HTTPS listener serves (the default one and one per SNI server name) and
 * how long each stays valid: exported as {@code frontdesk_tls_certificate_expiry_seconds}, read
 * afresh at every scrape so a reloaded certificate counts at once, and logged as a warning at
 * start-up when under 14 days.
 */
public final class ServedCertificates implements MeterBinder {

    private static final Logger log = LoggerFactory.getLogger(ServedCertificates.class);
    static final Duration WARNING = Duration.ofDays(14);
    static final String DEFAULT = "default";

    private final Map<String, Supplier<SslBundle>> bundles = new LinkedHashMap<>();

    public ServedCertificates(Ssl ssl, SslBundles sslBundles) {
        bundles.put(DEFAULT, () -> WebServerSslBundle.get(ssl, sslBundles));
        for (Ssl.ServerNameSslBundle named : ssl.getServerNameBundles()) {
            bundles.put(named.serverName(), () -> sslBundles.getBundle(named.bundle()));
        }
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        bundles.forEach((name, bundle) -> Gauge.builder("frontdesk.tls.certificate.expiry", bundle,
                        served -> secondsLeft(leaf(served.get())))
                .description("Seconds until the served certificate expires").baseUnit("seconds").tag("name", name)
                .register(registry));
        Gauge.builder("frontdesk.tls.engine", () -> 1).tag("engine", TlsEngine.name())
                .description("The TLS implementation in use (1 for the one in use)").register(registry);
    }

    /** Logs what is served, warning about certificates close to expiry. */
    void report() {
        bundles.forEach((name, bundle) -> {
            X509Certificate certificate = leaf(bundle.get());
            if (certificate == null) {
                return;
            }
            Duration left = Duration.ofSeconds((long) secondsLeft(certificate));
            if (left.compareTo(WARNING) < 0) {
                log.warn("The certificate for {} ({}) expires in {} days, on {}", name,
                        certificate.getSubjectX500Principal().getName(), left.toDays(), certificate.getNotAfter());
            } else {
                log.info("Serving {} for {} until {}", certificate.getSubjectX500Principal().getName(), name,
                        certificate.getNotAfter());
            }
        });
    }

    private static double secondsLeft(X509Certificate certificate) {
        return certificate == null ? Double.NaN
                : Duration.between(Instant.now(), certificate.getNotAfter().toInstant()).toSeconds();
    }

    private static X509Certificate leaf(SslBundle bundle) {
        try {
            KeyStore keys = bundle.getStores().getKeyStore();
            if (keys == null) {
                return null;
            }
            for (String alias : Collections.list(keys.aliases())) {
                Certificate certificate = keys.getCertificate(alias);
                if (certificate instanceof X509Certificate x509) {
                    return x509;
                }
            }
            return null;
        } catch (KeyStoreException e) {
            return null;
        }
    }
}
