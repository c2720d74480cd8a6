package io.frontdesk.compression;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import com.aayushatharva.brotli4j.decoder.BrotliInputStream;

import io.frontdesk.support.GatewaySettings;
import io.frontdesk.support.GatewaySettings.Route;
import io.frontdesk.support.RunningGateway;

/**
 * Compression at the edge between a real client, which decodes what it gets with the JDK's gzip
 * and Brotli's own decoder, and a real backend on loopback that sends everything uncompressed.
 */
class CompressionTest {

    private static final String BROWSER = "gzip, deflate, br, zstd";

    @AutoClose
    private static final TextOrigin origin = new TextOrigin();
    @AutoClose
    private static final RunningGateway gateway = RunningGateway.start(GatewaySettings.empty()
            .pool("web", origin.url())
            .set("frontdesk.pools.web.retry.max-attempts", "1")
            .route(Route.to("web").id("cached").path("/cached/**").filter("Cache=site"))
            .route(Route.to("web").id("quiet").path("/quiet/**"))
            .route(Route.to("web").id("csv").path("/csv/**"))
            .route(Route.to("web"))
            .set("frontdesk.cache.policies.site.heuristic-percent", "0")
            .set("frontdesk.compression.routes.quiet.enabled", "false")
            .set("frontdesk.compression.routes.csv.types[0]", "text/csv")
            .set("frontdesk.compression.routes.csv.min-size", "8KB"), HttpClient.Version.HTTP_1_1);

    private static HttpResponse<byte[]> get(String path, String... headers) {
        return send(gateway.request(path, headers).GET().build());
    }

    private static HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return gateway.client().send(request, BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    /** The body as the client reads it, decoded by the coding the response names. */
    static byte[] decoded(HttpResponse<byte[]> response) {
        String coding = header(response, "Content-Encoding");
        try (InputStream in = decoder(coding, new ByteArrayInputStream(response.body()))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream decoder(String coding, InputStream in) throws IOException {
        if (coding == null) {
            return in;
        }
        return switch (coding) {
            case "gzip" -> new GZIPInputStream(in);
            case "br" -> new BrotliInputStream(in);
            default -> throw new AssertionError("unexpected coding " + coding);
        };
    }

    static void assertCompressed(HttpResponse<byte[]> response, String coding, byte[] original) {
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(header(response, "Content-Encoding")).isEqualTo(coding);
        assertThat(header(response, "Content-Length")).as("streamed, so its length is not known up front").isNull();
        assertThat(header(response, "Connection")).as("kept open for the next request").isNull();
        assertThat(response.headers().allValues("Vary")).anySatisfy(vary -> assertThat(vary)
                .containsIgnoringCase("Accept-Encoding"));
        assertThat(response.body().length).isLessThan(original.length / 2);
        assertThat(decoded(response)).isEqualTo(original);
    }

    private static void assertUntouched(HttpResponse<byte[]> response, byte[] original) {
        assertThat(header(response, "Content-Encoding")).isNull();
        assertThat(response.body()).isEqualTo(original);
    }

    @Test
    void textIsCompressedWithTheCodingTheClientPrefers() {
        assertCompressed(get("/page.html", "Accept-Encoding", BROWSER), "br", TextOrigin.PAGE);
        assertCompressed(get("/page.html", "Accept-Encoding", "gzip"), "gzip", TextOrigin.PAGE);
        assertCompressed(get("/page.html", "Accept-Encoding", "x-gzip"), "gzip", TextOrigin.PAGE);
        assertCompressed(get("/page.html", "Accept-Encoding", "br;q=0.5, gzip"), "gzip", TextOrigin.PAGE);
        assertCompressed(get("/page.html", "Accept-Encoding", "*"), "br", TextOrigin.PAGE);
        assertCompressed(get("/page.html", "Accept-Encoding", "br;q=0, *;q=0.3"), "gzip", TextOrigin.PAGE);
        for (String path : new String[] {"/data.json", "/feed.xml", "/logo.svg"}) {
            assertCompressed(get(path, "Accept-Encoding", "gzip"), "gzip", TextOrigin.PAGE);
        }
    }

    @Test
    void aStrongETagIsWeakenedAndA304ToItStaysWeak() {
        HttpResponse<byte[]> compressed = get("/page.html", "Accept-Encoding", "gzip");
        assertThat(header(compressed, "ETag")).isEqualTo("W/\"p1\"");
        assertThat(header(get("/page.html"), "ETag")).as("uncompressed, the backend's own").isEqualTo("\"p1\"");

        HttpResponse<byte[]> notModified = get("/page.html", "Accept-Encoding", "gzip", "If-None-Match", "W/\"p1\"");
        assertThat(notModified.statusCode()).isEqualTo(304);
        assertThat(header(notModified, "ETag")).isEqualTo("W/\"p1\"");
        assertThat(header(notModified, "Vary")).containsIgnoringCase("Accept-Encoding");
    }

    @Test
    void clientsThatDoNotAcceptACodingGetTheBackendsBytesWithVary() {
        for (String[] headers : new String[][] {{}, {"Accept-Encoding", "identity"},
            {"Accept-Encoding", "gzip;q=0, br;q=0"}, {"Accept-Encoding", "deflate, zstd"},
            {"Accept-Encoding", "gzip;q=2"}}) {
            HttpResponse<byte[]> response = get("/page.html", headers);
            assertUntouched(response, TextOrigin.PAGE);
            assertThat(header(response, "Content-Length")).isEqualTo(Integer.toString(TextOrigin.PAGE.length));
            assertThat(header(response, "Vary")).as("a cache must not give them another client's answer")
                    .containsIgnoringCase("Accept-Encoding");
        }
    }

    @Test
    void whatShouldNotBeCompressedIsLeftAlone() {
        assertUntouched(get("/small.txt", "Accept-Encoding", "gzip"), TextOrigin.SMALL);
        assertUntouched(get("/photo.png", "Accept-Encoding", "gzip"), TextOrigin.PAGE);
        assertUntouched(get("/no-transform.json", "Accept-Encoding", "gzip"), TextOrigin.PAGE);
        HttpResponse<byte[]> encoded = get("/encoded.js", "Accept-Encoding", "gzip, br");
        assertThat(header(encoded, "Content-Encoding")).isEqualTo("gzip");
        assertThat(encoded.body()).as("the backend's gzip, not compressed again").isEqualTo(TextOrigin.GZIPPED);
        assertThat(decoded(encoded)).isEqualTo(TextOrigin.PAGE);
        assertThat(get("/empty", "Accept-Encoding", "gzip").statusCode()).isEqualTo(204);
    }

    @Test
    void aClientThatForbidsTransformationGetsTheBackendsBytesAndNoStoredCoding() {
        assertUntouched(get("/page.html", "Accept-Encoding", "gzip", "Cache-Control", "no-transform"),
                TextOrigin.PAGE);

        assertCompressed(get("/cached/styles.css", "Accept-Encoding", "gzip"), "gzip", TextOrigin.PAGE);
        HttpResponse<byte[]> own = get("/cached/styles.css", "Accept-Encoding", "gzip", "Cache-Control",
                "no-transform");
        assertThat(header(own, "Cache-Status")).contains("fwd=vary-miss");
        assertUntouched(own, TextOrigin.PAGE);
        HttpResponse<byte[]> ownHit = get("/cached/styles.css", "Accept-Encoding", "gzip", "Cache-Control",
                "no-transform");
        assertThat(header(ownHit, "Cache-Status")).startsWith("Frontdesk; hit");
        assertUntouched(ownHit, TextOrigin.PAGE);
        HttpResponse<byte[]> others = get("/cached/styles.css", "Accept-Encoding", "gzip");
        assertThat(header(others, "Cache-Status")).startsWith("Frontdesk; hit");
        assertThat(header(others, "Content-Encoding")).isEqualTo("gzip");
    }

    @Test
    void rangeRequestsGetTheBackendsBytes() {
        HttpResponse<byte[]> partial = get("/range.txt", "Accept-Encoding", "gzip", "Range", "bytes=0-99");
        assertThat(partial.statusCode()).isEqualTo(206);
        assertThat(header(partial, "Content-Encoding")).isNull();
        assertThat(partial.body()).isEqualTo(java.util.Arrays.copyOf(TextOrigin.PAGE, 100));

        HttpResponse<byte[]> ignored = get("/page.html", "Accept-Encoding", "gzip", "Range", "bytes=0-99");
        assertThat(ignored.statusCode()).as("the backend ignored the range").isEqualTo(200);
        assertUntouched(ignored, TextOrigin.PAGE);
    }

    @Test
    void headGetsTheHeadersAGetWouldGet() {
        HttpResponse<byte[]> head = send(gateway.request("/page.html", "Accept-Encoding", "gzip")
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(header(head, "Content-Encoding")).isEqualTo("gzip");
        assertThat(header(head, "ETag")).isEqualTo("W/\"p1\"");
        assertThat(header(head, "Content-Length")).as("not the uncompressed length")
                .isNotEqualTo(Integer.toString(TextOrigin.PAGE.length));
        assertThat(head.body()).isEmpty();
    }

    @Test
    void aStreamedBodyIsCompressedChunkByChunk() throws IOException {
        CompletableFuture<Void> secondPart = origin.holdSecondPart();
        HttpResponse<InputStream> response;
        try {
            response = gateway.client().send(gateway.request("/streamed.json", "Accept-Encoding", "gzip").GET()
                    .build(), BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        assertThat(header(response, "Content-Encoding")).isEqualTo("gzip");
        try (InputStream body = new GZIPInputStream(response.body())) {
            byte[] first = body.readNBytes(TextOrigin.FIRST_PART.length());
            assertThat(new String(first, StandardCharsets.UTF_8)).isEqualTo(TextOrigin.FIRST_PART);
            assertThat(secondPart).as("the first chunk arrived decoded while the backend still held the second")
                    .isNotDone();
            secondPart.complete(null);
            assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(TextOrigin.SECOND_PART);
        }
    }

    @Test
    void eachCodingIsCachedAsItsOwnVariantAndServedCompressed() {
        HttpResponse<byte[]> miss = get("/cached/app.js", "Accept-Encoding", BROWSER);
        assertCompressed(miss, "br", TextOrigin.PAGE);
        assertThat(header(miss, "Cache-Status")).contains("fwd=uri-miss");

        HttpResponse<byte[]> hit = get("/cached/app.js", "Accept-Encoding", "br, gzip");
        assertThat(header(hit, "Cache-Status")).startsWith("Frontdesk; hit");
        assertThat(header(hit, "Content-Encoding")).isEqualTo("br");
        assertThat(header(hit, "ETag")).isEqualTo("W/\"a1\"");
        assertThat(header(hit, "Vary")).containsIgnoringCase("Accept-Encoding");
        assertThat(hit.body()).isEqualTo(miss.body());
        assertThat(decoded(hit)).isEqualTo(TextOrigin.PAGE);

        assertThat(header(get("/cached/app.js", "Accept-Encoding", "gzip"), "Cache-Status")).contains("fwd=vary-miss");
        HttpResponse<byte[]> gzipHit = get("/cached/app.js", "Accept-Encoding", "deflate, gzip");
        assertThat(header(gzipHit, "Cache-Status")).startsWith("Frontdesk; hit");
        assertThat(header(gzipHit, "Content-Encoding")).isEqualTo("gzip");
        assertThat(decoded(gzipHit)).isEqualTo(TextOrigin.PAGE);

        get("/cached/app.js");
        HttpResponse<byte[]> identityHit = get("/cached/app.js", "Accept-Encoding", "identity");
        assertThat(header(identityHit, "Cache-Status")).startsWith("Frontdesk; hit");
        assertUntouched(identityHit, TextOrigin.PAGE);
        assertThat(header(identityHit, "ETag")).isEqualTo("\"a1\"");

        HttpResponse<byte[]> head = send(gateway.request("/cached/app.js", "Accept-Encoding", "gzip")
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(header(head, "Cache-Status")).startsWith("Frontdesk; hit");
        assertThat(header(head, "Content-Encoding")).isEqualTo("gzip");
        assertThat(origin.requests("/cached/app.js")).as("one request per coding").isEqualTo(3);
    }

    @Test
    void aStoredCompressedVariantRevalidatedBy304KeepsItsWeakETag() {
        HttpResponse<byte[]> stored = get("/cached/revalidated.js", "Accept-Encoding", "gzip");
        assertCompressed(stored, "gzip", TextOrigin.PAGE);

        HttpResponse<byte[]> revalidated = get("/cached/revalidated.js", "Accept-Encoding", "gzip");
        assertThat(header(revalidated, "Cache-Status")).contains("fwd-status=304");
        assertThat(origin.seen().get(origin.seen().size() - 1).get("If-None-Match")).isEqualTo("W/\"r1\"");
        assertThat(header(revalidated, "ETag")).isEqualTo("W/\"r1\"");
        assertThat(header(revalidated, "Content-Encoding")).isEqualTo("gzip");
        assertThat(decoded(revalidated)).isEqualTo(TextOrigin.PAGE);
    }

    @Test
    void routesTakeTheirOwnSettings() {
        HttpResponse<byte[]> quiet = get("/quiet/page.html", "Accept-Encoding", "gzip");
        assertUntouched(quiet, TextOrigin.PAGE);
        assertThat(header(quiet, "Vary")).isNull();

        assertUntouched(get("/csv/page.html", "Accept-Encoding", "gzip"), TextOrigin.PAGE);
        assertUntouched(get("/csv/data.csv", "Accept-Encoding", "gzip"), TextOrigin.PAGE);
        assertThat(header(get("/csv/big.csv", "Accept-Encoding", "gzip"), "Content-Encoding")).isEqualTo("gzip");
    }

    @Test
    void theManagementPortIsNeverCompressedAndCountsWhatWas() {
        get("/data.json", "Accept-Encoding", "gzip");
        HttpResponse<byte[]> metrics = send(HttpRequest.newBuilder(gateway.managementUri("/actuator/prometheus"))
                .header("Accept-Encoding", "gzip, br").GET().build());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(header(metrics, "Content-Encoding")).isNull();
        assertThat(new String(metrics.body(), StandardCharsets.UTF_8))
                .contains("frontdesk_compression_responses_total{coding=\"gzip\",route=\"web\"}")
                .contains("frontdesk_compression_bytes_total{coding=\"gzip\",route=\"web\",stage=\"in\"}");
    }
}
