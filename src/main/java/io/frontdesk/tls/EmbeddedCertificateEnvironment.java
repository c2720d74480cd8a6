package io.frontdesk.tls;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The embedded default's certificate: when HTTPS is on and the user configured no certificate,
 * a self-signed one for localhost is made at start-up and served through Spring Boot's own
 * {@code server.ssl.certificate} settings (as PEM content). {@code server.ssl.enabled=false}
 * serves plain HTTP instead.
 */
public class EmbeddedCertificateEnvironment implements EnvironmentPostProcessor, Ordered {

    /** Set when the certificate in use was made here; read by the start-up report. */
    static final String SELF_SIGNED = "frontdesk.tls.self-signed-certificate";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (Boolean.FALSE.equals(environment.getProperty("server.ssl.enabled", Boolean.class))
                || environment.containsProperty("server.ssl.bundle")
                || environment.containsProperty("server.ssl.certificate")
                || environment.containsProperty("server.ssl.key-store")) {
            return;
        }
        SelfSignedCertificate certificate = SelfSignedCertificate.forLocalhost();
        environment.getPropertySources().addLast(new MapPropertySource("frontdesk-self-signed-certificate", Map.of(
                "server.ssl.certificate", certificate.certificatePem(),
                "server.ssl.certificate-private-key", certificate.privateKeyPem(),
                SELF_SIGNED, "true")));
    }

    /** After the configuration files are read, so that a certificate configured there counts. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
