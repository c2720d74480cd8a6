package io.frontdesk.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.junit.jupiter.api.io.TempDir;

import io.frontdesk.support.GatewaySettings;
import io.frontdesk.support.GatewaySettings.Route;
import io.frontdesk.support.RawHttp;
import io.frontdesk.support.RunningGateway;
import io.frontdesk.support.TestBackend;

/** HTTPS termination with real handshakes on loopback, against the embedded self-signed certificate. */
class TlsTest {

    @AutoClose
    private final TestBackend backend = TestBackend.start("backend");

    /** HTTPS with the embedded default's certificate, and plain HTTP on another port to redirect. */
    private GatewaySettings https() {
        return GatewaySettings.empty().pool("web", backend).route(Route.to("web"))
                .set("server.ssl.enabled", "true")
                .set("frontdesk.tls.http-port", "0");
    }

    private static SSLSocket handshake(RunningGateway gateway, String protocol) throws Exception {
        return handshake(gateway.sslContext(), gateway, protocol);
    }

    private static SSLSocket handshake(SSLContext client, RunningGateway gateway, String protocol) throws Exception {
        SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket("localhost", gateway.port());
        socket.setEnabledProtocols(new String[] {protocol});
        socket.setSoTimeout(5_000);
        socket.startHandshake();
        return socket;
    }

    @Test
    void tls13AndTls12AreNegotiatedWithTheSelfSignedLocalhostCertificate() throws Exception {
        try (RunningGateway gateway = RunningGateway.start(https())) {
            try (SSLSocket socket = handshake(gateway, "TLSv1.3")) {
                assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
                X509Certificate served = (X509Certificate) socket.getSession().getPeerCertificates()[0];
                assertThat(served.getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
                assertThat(served.getSubjectAlternativeNames()).contains(List.of(2, "localhost"), List.of(7, "127.0.0.1"));
            }
            try (SSLSocket socket = handshake(gateway, "TLSv1.2")) {
                assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.2");
                assertThat(socket.getSession().getCipherSuite()).startsWith("TLS_ECDHE_").contains("_GCM_");
            }
        }
    }

    @Test
    void tls12SessionsAreResumed() throws Exception {
        try (RunningGateway gateway = RunningGateway.start(https())) {
            SSLContext client = gateway.sslContext();
            byte[] first;
            try (SSLSocket socket = handshake(client, gateway, "TLSv1.2")) {
                first = socket.getSession().getId();
            }
            try (SSLSocket socket = handshake(client, gateway, "TLSv1.2")) {
                assertThat(socket.getSession().getId()).as("the second connection resumes the first session")
                        .isNotEmpty().isEqualTo(first);
            }
        }
    }

    @Test
    void aTls11ClientHelloIsRefused() throws Exception {
        try (RunningGateway gateway = RunningGateway.start(https());
                Socket socket = new Socket("127.0.0.1", gateway.port())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(Tls11ClientHello.bytes());
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            int recordType = in.read();
            assertThat(recordType).as("an alert (21) or a closed connection, never a server hello (22)")
                    .isIn(21, -1);
        }
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void badInputIsRefusedCountedAndTheListenerStaysHealthy(CapturedOutput output) throws Exception {
        try (RunningGateway gateway = RunningGateway.start(https())) {
            assertThat(closedWithoutTls(gateway, "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII))).as("plain HTTP on the TLS port").isTrue();
            assertThat(closedWithoutTls(gateway, new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}))
                    .as("garbage").isTrue();
            assertThat(closedWithoutTls(gateway, Tls11ClientHello.bytes())).as("TLS 1.1").isTrue();
            try (SSLSocket socket = handshake(gateway, "TLSv1.3")) {
                assertThat(socket.getSession().isValid()).isTrue();
            }
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                String metrics = gateway.getManagement("/actuator/prometheus").body();
                assertThat(metrics).contains("frontdesk_tls_handshake_failures_total{reason=\"not_tls\"} 2.0",
                        "frontdesk_tls_handshake_failures_total{reason=\"refused\"} 1.0",
                        "frontdesk_tls_handshakes_total{protocol=\"TLSv1.3\"} 1.0");
            });
        }
        assertThat(output.getAll()).as("refused handshakes are counted, not logged with a stack trace each")
                .doesNotContain("NotSslRecordException", "SSLHandshakeException");
    }

    @Test
    void clientsThatNeverFinishTheHandshakeAreCutOffAtTheHandshakeTimeout() throws Exception {
        try (RunningGateway gateway = RunningGateway.start(https().set("frontdesk.tls.handshake-timeout", "300ms"));
                Socket silent = new Socket("127.0.0.1", gateway.port());
                Socket trickling = new Socket("127.0.0.1", gateway.port())) {
            byte[] hello = Tls11ClientHello.bytes();
            trickling.getOutputStream().write(hello, 0, hello.length / 2);
            trickling.getOutputStream().flush();
            for (Socket socket : List.of(silent, trickling)) {
                // Far longer than the handshake timeout: a read that ends here ends because the server closed.
                socket.setSoTimeout(5_000);
                assertThat(socket.getInputStream().read()).as("closed by the server").isEqualTo(-1);
            }
            try (SSLSocket socket = handshake(gateway, "TLSv1.3")) {
                assertThat(socket.getSession().isValid()).as("the listener carries on").isTrue();
            }
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                    gateway.getManagement("/actuator/prometheus").body())
                    .contains("frontdesk_tls_handshake_failures_total{reason=\"timeout\"} 2.0"));
        }
    }

    /** Sends bytes and reports whether the server closed or alerted instead of starting a TLS session. */
    private static boolean closedWithoutTls(RunningGateway gateway, byte[] bytes) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
            int first = socket.getInputStream().read();
            return first == -1 || first == 21;
        }
    }

    @Test
    void http2IsNegotiatedByAlpnAndRequestsAreProxiedOverIt() throws Exception {
        try (RunningGateway gateway = RunningGateway.start(https())) {
            HttpResponse<String> response = gateway.get("/over-h2");
            assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("backend");
        }
        assertThat(backend.received().get(0).header("X-Forwarded-Proto")).isEqualTo("https");
        assertThat(backend.received().get(0).header("X-Forwarded-Port")).isNotNull();
    }

    @Test
    void plainHttpIsRedirectedWith308ExceptPassThroughPaths() {
        try (RunningGateway gateway = RunningGateway.start(https())) {
            int httpPort = gateway.context().getBean(HttpRedirectServer.class).port();
            RawHttp.Response redirect = RawHttp.exchange(httpPort,
                    "POST /cart/items?id=7 HTTP/1.1\r\nHost: shop.example:8080\r\nContent-Length: 0");
            assertThat(redirect.status()).isEqualTo(308);
            assertThat(redirect.header("Location"))
                    .isEqualTo("https://shop.example:" + gateway.port() + "/cart/items?id=7");

            RawHttp.Response challenge = RawHttp.exchange(httpPort,
                    "GET /.well-known/acme-challenge/token-1 HTTP/1.1\r\nHost: shop.example");
            assertThat(challenge.status()).isEqualTo(200);
            assertThat(challenge.body()).isEqualTo("backend");

            RawHttp.Response injected = RawHttp.exchange(httpPort, "GET / HTTP/1.1\r\nHost: evil.example/path@x");
            assertThat(injected.status()).isEqualTo(400);
        }
        assertThat(backend.received()).singleElement()
                .satisfies(seen -> assertThat(seen.header("X-Forwarded-Proto")).isEqualTo("http"));
    }

    @Test
    void hstsAppearsOnHttpsResponsesWhenConfigured() throws Exception {
        backend.responseHeader("Strict-Transport-Security", "max-age=1");
        try (RunningGateway gateway = RunningGateway.start(https()
                .set("frontdesk.tls.hsts.enabled", "true")
                .set("frontdesk.tls.hsts.max-age", "10m")
                .set("frontdesk.tls.hsts.include-sub-domains", "true"))) {
            HttpResponse<String> response = gateway.get("/");
            assertThat(response.headers().allValues("Strict-Transport-Security"))
                    .containsExactly("max-age=600; includeSubDomains");
        }
    }

    @Test
    void mutualTlsRefusesClientsWithoutACertificateAndNamesVerifiedOnesToTheBackend(@TempDir Path dir)
            throws Exception {
        SelfSignedCertificate client = SelfSignedCertificate.issue("client-1", List.of("client-1"), List.of(),
                Duration.ofDays(1));
        Path clientCa = Files.writeString(dir.resolve("clients.crt"), client.certificatePem());
        try (RunningGateway gateway = RunningGateway.start(https()
                .set("server.ssl.client-auth", "need")
                .set("server.ssl.trust-certificate", "file:" + clientCa))) {
            URI uri = gateway.uri("/who");
            assertThatThrownBy(() -> gateway.client().send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                    .build(), HttpResponse.BodyHandlers.ofString())).isInstanceOf(java.io.IOException.class);

            HttpClient identified = HttpClient.newBuilder().sslContext(presenting(gateway, client)).build();
            HttpResponse<String> response = identified.send(HttpRequest.newBuilder(uri)
                    .header("X-Client-Cert-Subject", "CN=someone-else").timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
        }
        assertThat(backend.received()).singleElement()
                .satisfies(seen -> assertThat(seen.header("X-Client-Cert-Subject")).isEqualTo("CN=client-1"));
    }

    /** A client context that trusts the gateway and presents {@code client}'s certificate. */
    private static SSLContext presenting(RunningGateway gateway, SelfSignedCertificate client) throws Exception {
        byte[] keyDer = Base64.getMimeDecoder().decode(client.privateKeyPem()
                .replaceAll("-----[A-Z ]+-----", ""));
        PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(keyDer));
        Certificate certificate = CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(client.certificatePem().getBytes(StandardCharsets.US_ASCII)));
        KeyStore identity = KeyStore.getInstance("PKCS12");
        identity.load(null, null);
        char[] password = "test".toCharArray();
        identity.setKeyEntry("client", key, password, new Certificate[] {certificate});
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(identity, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), gateway.trustManagers(), null);
        return context;
    }

    @Test
    void hstsIsOffByDefault() throws Exception {
        try (RunningGateway gateway = RunningGateway.start(https())) {
            HttpResponse<String> response = gateway.get("/");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Strict-Transport-Security")).isEmpty();
        }
    }
}
