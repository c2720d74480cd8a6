package io.frontdesk.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.frontdesk.support.GatewaySettings;
import io.frontdesk.support.GatewaySettings.Route;
import io.frontdesk.support.RunningGateway;
import io.frontdesk.support.TestBackend;

/**
 * Certificates chosen by SNI (exact and wildcard server names), replaced on disk without a
 * restart, and watched for expiry.
 */
class CertificatesTest {

    @TempDir
    Path certificates;

    @AutoClose
    private final TestBackend backend = TestBackend.start("backend");

    private void write(String name, SelfSignedCertificate certificate) throws IOException {
        // Written beside and moved into place, as a certificate manager does, so no reader sees half a file.
        Path key = Files.writeString(certificates.resolve(name + ".key.new"), certificate.privateKeyPem());
        Path crt = Files.writeString(certificates.resolve(name + ".crt.new"), certificate.certificatePem());
        Files.move(key, certificates.resolve(name + ".key"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        Files.move(crt, certificates.resolve(name + ".crt"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    /** The default certificate and the two by server name; shop.example's valid for {@code shopValidity}. */
    private void writeAll(Duration shopValidity) throws IOException {
        write("fallback", certificate("fallback.example", Duration.ofDays(30)));
        write("shop", certificate("shop.example", shopValidity));
        write("api", certificate("*.api.example", Duration.ofDays(30)));
    }

    private static SelfSignedCertificate certificate(String commonName, Duration validity) {
        return SelfSignedCertificate.issue(commonName, List.of(commonName), List.of(), validity);
    }

    /** HTTPS from the certificate files, watched: shop.example's, *.api.example's, and the default for the rest. */
    private GatewaySettings certificatesByServerName() {
        GatewaySettings settings = GatewaySettings.empty().pool("web", backend).route(Route.to("web"))
                .set("server.ssl.enabled", "true")
                .set("frontdesk.tls.http-port", "-1")
                .set("server.ssl.bundle", "fallback")
                .set("server.ssl.server-name-bundles[0].server-name", "shop.example")
                .set("server.ssl.server-name-bundles[0].bundle", "shop")
                .set("server.ssl.server-name-bundles[1].server-name", "*.api.example")
                .set("server.ssl.server-name-bundles[1].bundle", "api")
                .set("spring.ssl.bundle.watch.file.quiet-period", "100ms");
        for (String bundle : List.of("fallback", "shop", "api")) {
            String prefix = "spring.ssl.bundle.pem." + bundle + ".";
            settings = settings.set(prefix + "keystore.certificate", "file:" + certificates.resolve(bundle + ".crt"))
                    .set(prefix + "keystore.private-key", "file:" + certificates.resolve(bundle + ".key"))
                    .set(prefix + "reload-on-update", "true");
        }
        return settings;
    }

    /** The certificate served for a server name, read without judging trust: which one, not whether. */
    private static X509Certificate served(RunningGateway gateway, String serverName) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new AcceptingTrustManager()}, null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", gateway.port())) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName(serverName)));
            socket.setSSLParameters(parameters);
            socket.setSoTimeout(5_000);
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }

    @Test
    void sniPicksExactThenWildcardCertificatesWithADefaultForTheRest() throws Exception {
        writeAll(Duration.ofDays(30));
        try (RunningGateway gateway = RunningGateway.start(certificatesByServerName())) {
            assertThat(served(gateway, "shop.example").getSubjectX500Principal().getName()).isEqualTo("CN=shop.example");
            assertThat(served(gateway, "eu.api.example").getSubjectX500Principal().getName())
                    .isEqualTo("CN=*.api.example");
            assertThat(served(gateway, "api.example").getSubjectX500Principal().getName())
                    .as("a wildcard covers one label, not the domain itself").isEqualTo("CN=fallback.example");
            assertThat(served(gateway, "a.b.api.example").getSubjectX500Principal().getName())
                    .isEqualTo("CN=fallback.example");
            assertThat(served(gateway, "unknown.example").getSubjectX500Principal().getName())
                    .isEqualTo("CN=fallback.example");
        }
    }

    @Test
    void strictSniRefusesServerNamesWithoutACertificateOfTheirOwn() throws Exception {
        writeAll(Duration.ofDays(30));
        try (RunningGateway gateway = RunningGateway.start(certificatesByServerName()
                .set("frontdesk.tls.strict-sni", "true"))) {
            assertThatThrownBy(() -> served(gateway, "unknown.example")).isInstanceOf(IOException.class);
            assertThat(served(gateway, "eu.api.example").getSubjectX500Principal().getName())
                    .isEqualTo("CN=*.api.example");
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                    gateway.getManagement("/actuator/prometheus").body())
                    .contains("frontdesk_tls_handshake_failures_total{reason=\"unknown_server_name\"} 1.0"));
        }
    }

    @Test
    void replacedCertificateFilesAreServedToNewConnectionsWithoutARestart() throws Exception {
        writeAll(Duration.ofDays(30));
        try (RunningGateway gateway = RunningGateway.start(certificatesByServerName())) {
            BigInteger before = served(gateway, "shop.example").getSerialNumber();
            write("shop", certificate("shop.example", Duration.ofDays(60)));
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                    .until(() -> !served(gateway, "shop.example").getSerialNumber().equals(before));
        }
    }

    @Test
    void certificateExpiryIsExported() throws Exception {
        writeAll(Duration.ofDays(3));
        try (RunningGateway gateway = RunningGateway.start(certificatesByServerName())) {
            String metrics = gateway.getManagement("/actuator/prometheus").body();
            double shopSeconds = metricValue(metrics, "frontdesk_tls_certificate_expiry_seconds{name=\"shop.example\"}");
            assertThat(shopSeconds).isBetween((double) Duration.ofDays(3).toSeconds() - 7200,
                    (double) Duration.ofDays(3).toSeconds() + 60);
            assertThat(metricValue(metrics, "frontdesk_tls_certificate_expiry_seconds{name=\"default\"}"))
                    .isGreaterThan(Duration.ofDays(29).toSeconds());
            assertThat(metrics).as("BoringSSL ships for this platform")
                    .contains("frontdesk_tls_engine{engine=\"boringssl\"} 1");
        }
    }

    private static double metricValue(String metrics, String series) {
        return metrics.lines().filter(line -> line.startsWith(series + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(series.length() + 1).trim()))
                .orElseThrow(() -> new AssertionError("no " + series + " in\n" + metrics));
    }

    /** Accepts any server certificate; these tests look at which one is served. */
    private static final class AcceptingTrustManager implements X509TrustManager {

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
