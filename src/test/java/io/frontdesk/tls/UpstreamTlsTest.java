package io.frontdesk.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.frontdesk.support.RunningGateway;
import io.frontdesk.support.TestBackend;

/** TLS to backends: verified against the configured CAs and server name, failing closed when it cannot be. */
class UpstreamTlsTest {

    private static final SelfSignedCertificate BACKEND_CERTIFICATE = SelfSignedCertificate.issue("backend.internal",
            List.of("backend.internal"), List.of(new byte[] {127, 0, 0, 1}), Duration.ofDays(1));
    private static final SelfSignedCertificate GATEWAY_CLIENT = SelfSignedCertificate.issue("frontdesk-client",
            List.of("frontdesk-client"), List.of(), Duration.ofDays(1));

    @TempDir
    Path dir;

    private Map<String, String> poolWithBundle(TestBackend backend, boolean clientCertificate) throws Exception {
        Map<String, String> settings = new HashMap<>(RunningGateway.poolWithRoute("web", List.of(backend)));
        String bundle = "spring.ssl.bundle.pem.backends.";
        settings.put(bundle + "truststore.certificate",
                "file:" + Files.writeString(dir.resolve("backend-ca.crt"), BACKEND_CERTIFICATE.certificatePem()));
        if (clientCertificate) {
            settings.put(bundle + "keystore.certificate",
                    "file:" + Files.writeString(dir.resolve("client.crt"), GATEWAY_CLIENT.certificatePem()));
            settings.put(bundle + "keystore.private-key",
                    "file:" + Files.writeString(dir.resolve("client.key"), GATEWAY_CLIENT.privateKeyPem()));
        }
        settings.put("frontdesk.pools.web.tls.bundle", "backends");
        return settings;
    }

    @Test
    void anUntrustedBackendCertificateIsRefusedWith502() {
        try (TestBackend backend = TestBackend.startTls("secure-backend", BACKEND_CERTIFICATE.certificatePem(),
                BACKEND_CERTIFICATE.privateKeyPem());
                RunningGateway gateway = RunningGateway.start(RunningGateway.poolWithRoute("web", List.of(backend)))) {
            HttpResponse<String> response = gateway.get("/");
            assertThat(response.statusCode()).isEqualTo(502);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(backend.requests()).as("no request crosses an unverified connection").isZero();
        }
    }

    @Test
    void theGlobalClientCasApplyToPoolsWithoutSettingsOfTheirOwn() throws Exception {
        try (TestBackend backend = TestBackend.startTls("secure-backend", BACKEND_CERTIFICATE.certificatePem(),
                BACKEND_CERTIFICATE.privateKeyPem())) {
            Path ca = Files.writeString(dir.resolve("backend-ca.crt"), BACKEND_CERTIFICATE.certificatePem());
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

    @Test
    void aPoolVerifiesItsBackendsAgainstItsBundleAndSendsItsServerName() throws Exception {
        try (TestBackend backend = TestBackend.startTls("secure-backend", BACKEND_CERTIFICATE.certificatePem(),
                BACKEND_CERTIFICATE.privateKeyPem())) {
            Map<String, String> settings = poolWithBundle(backend, false);
            settings.put("frontdesk.pools.web.tls.server-name", "backend.internal");
            try (RunningGateway gateway = RunningGateway.start(settings)) {
                HttpResponse<String> response = gateway.get("/");
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).isEqualTo("secure-backend");
            }
            assertThat(backend.received().get(0).tlsServerName()).isEqualTo("backend.internal");
        }
    }

    @Test
    void aBackendCertificateThatDoesNotNameTheServerNameIsRefused() throws Exception {
        try (TestBackend backend = TestBackend.startTls("secure-backend", BACKEND_CERTIFICATE.certificatePem(),
                BACKEND_CERTIFICATE.privateKeyPem())) {
            Map<String, String> settings = poolWithBundle(backend, false);
            // The certificate is trusted and names 127.0.0.1, where the backend is, but not this name.
            settings.put("frontdesk.pools.web.tls.server-name", "payments.internal");
            try (RunningGateway gateway = RunningGateway.start(settings)) {
                assertThat(gateway.get("/").statusCode()).isEqualTo(502);
            }
            assertThat(backend.requests()).isZero();
        }
    }

    @Test
    void aPoolPresentsTheClientCertificateOfItsBundle() throws Exception {
        try (TestBackend backend = TestBackend.startMutualTls("mtls-backend", BACKEND_CERTIFICATE.certificatePem(),
                BACKEND_CERTIFICATE.privateKeyPem(), GATEWAY_CLIENT.certificatePem())) {
            try (RunningGateway gateway = RunningGateway.start(poolWithBundle(backend, true))) {
                HttpResponse<String> response = gateway.get("/");
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).isEqualTo("mtls-backend");
            }
            try (RunningGateway gateway = RunningGateway.start(poolWithBundle(backend, false))) {
                assertThat(gateway.get("/").statusCode()).as("no client certificate, no answer").isEqualTo(502);
            }
            assertThat(backend.requests()).isOne();
        }
    }
}
