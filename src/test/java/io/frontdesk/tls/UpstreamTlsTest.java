package io.frontdesk.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.frontdesk.support.GatewaySettings;
import io.frontdesk.support.GatewaySettings.Route;
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

    private GatewaySettings poolWithBundle(boolean clientCertificate, TestBackend... backends) throws Exception {
        String bundle = "spring.ssl.bundle.pem.backends.";
        GatewaySettings settings = pool(backends).set(bundle + "truststore.certificate",
                "file:" + Files.writeString(dir.resolve("backend-ca.crt"), BACKEND_CERTIFICATE.certificatePem()));
        if (clientCertificate) {
            settings = settings.set(bundle + "keystore.certificate",
                    "file:" + Files.writeString(dir.resolve("client.crt"), GATEWAY_CLIENT.certificatePem()))
                    .set(bundle + "keystore.private-key",
                    "file:" + Files.writeString(dir.resolve("client.key"), GATEWAY_CLIENT.privateKeyPem()));
        }
        return settings.set("frontdesk.pools.web.tls.bundle", "backends");
    }

    private static GatewaySettings pool(TestBackend... backends) {
        return GatewaySettings.empty().pool("web", backends).route(Route.to("web"));
    }

    @Test
    void anUntrustedBackendCertificateIsRefusedWith502() {
        try (TestBackend backend = TestBackend.startTls("secure-backend", BACKEND_CERTIFICATE.certificatePem(),
                BACKEND_CERTIFICATE.privateKeyPem());
                RunningGateway gateway = RunningGateway.start(pool(backend))) {
            HttpResponse<String> response = gateway.get("/");
            assertThat(response.statusCode()).isEqualTo(502);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(backend.requests()).as("no request crosses an unverified connection").isZero();
        }
    }

    @Test
    void aRequestWhoseTlsHandshakeFailsGoesToAnotherBackendWhateverItsMethod() throws Exception {
        SelfSignedCertificate stranger = SelfSignedCertificate.issue("stranger", List.of("backend.internal"),
                List.of(new byte[] {127, 0, 0, 1}), Duration.ofDays(1));
        try (TestBackend untrusted = TestBackend.startTls("untrusted", stranger.certificatePem(),
                stranger.privateKeyPem());
                TestBackend trusted = TestBackend.startTls("trusted", BACKEND_CERTIFICATE.certificatePem(),
                        BACKEND_CERTIFICATE.privateKeyPem());
                // Round-robin sends the request to the untrusted backend first.
                RunningGateway gateway = RunningGateway.start(poolWithBundle(false, untrusted, trusted)
                        .set("frontdesk.pools.web.algorithm", "round-robin"))) {
            HttpResponse<String> response = gateway.send(gateway.request("/orders")
                    .POST(HttpRequest.BodyPublishers.ofString("payload")).build());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("trusted");
            assertThat(untrusted.requests()).isZero();
            assertThat(trusted.received()).singleElement()
                    .satisfies(request -> assertThat(request.body()).isEqualTo("payload"));
        }
    }

    @Test
    void theGlobalClientCasApplyToPoolsWithoutSettingsOfTheirOwn() throws Exception {
        try (TestBackend backend = TestBackend.startTls("secure-backend", BACKEND_CERTIFICATE.certificatePem(),
                BACKEND_CERTIFICATE.privateKeyPem())) {
            Path ca = Files.writeString(dir.resolve("backend-ca.crt"), BACKEND_CERTIFICATE.certificatePem());
            try (RunningGateway gateway = RunningGateway.start(pool(backend).set(
                    "spring.cloud.gateway.server.webflux.httpclient.ssl.trusted-x509-certificates[0]", "file:" + ca))) {
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
            GatewaySettings settings = poolWithBundle(false, backend)
                    .set("frontdesk.pools.web.tls.server-name", "backend.internal");
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
            // The certificate is trusted and names 127.0.0.1, where the backend is, but not this name.
            GatewaySettings settings = poolWithBundle(false, backend)
                    .set("frontdesk.pools.web.tls.server-name", "payments.internal");
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
            try (RunningGateway gateway = RunningGateway.start(poolWithBundle(true, backend))) {
                HttpResponse<String> response = gateway.get("/");
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).isEqualTo("mtls-backend");
            }
            try (RunningGateway gateway = RunningGateway.start(poolWithBundle(false, backend))) {
                assertThat(gateway.get("/").statusCode()).as("no client certificate, no answer").isEqualTo(502);
            }
            assertThat(backend.requests()).isOne();
        }
    }
}
