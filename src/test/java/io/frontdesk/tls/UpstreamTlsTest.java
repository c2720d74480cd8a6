package io.frontdesk.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.frontdesk.support.RunningGateway;
import io.frontdesk.support.TestBackend;

/** TLS to backends: verified against the configured CAs, and failing closed when it cannot be. */
class UpstreamTlsTest {

    private final SelfSignedCertificate backendCertificate = SelfSignedCertificate.issue("backend.internal",
            List.of("backend.internal"), List.of(new byte[] {127, 0, 0, 1}), Duration.ofDays(1));
    private final TestBackend backend = TestBackend.startTls("secure-backend",
            backendCertificate.certificatePem(), backendCertificate.privateKeyPem());

    @AfterEach
    void stopBackend() {
        backend.close();
    }

    @Test
    void anUntrustedBackendCertificateIsRefusedWith502() {
        try (RunningGateway gateway = RunningGateway.start(RunningGateway.poolWithRoute("web", List.of(backend)))) {
            HttpResponse<String> response = gateway.get("/");
            assertThat(response.statusCode()).isEqualTo(502);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
        assertThat(backend.requests()).as("no request crosses an unverified connection").isZero();
    }

    @Test
    void aBackendCertificateFromTheConfiguredCasIsAccepted(@TempDir Path dir) throws Exception {
        Path ca = Files.writeString(dir.resolve("backend-ca.crt"), backendCertificate.certificatePem());
        Map<String, String> settings = new HashMap<>(RunningGateway.poolWithRoute("web", List.of(backend)));
        settings.put("spring.cloud.gateway.server.webflux.httpclient.ssl.trusted-x509-certificates[0]",
                "file:" + ca);
        try (RunningGateway gateway = RunningGateway.start(settings)) {
            HttpResponse<String> response = gateway.get("/");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("secure-backend");
        }
    }
}
