package io.frontdesk.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import io.frontdesk.cache.Origin.Answer;
import io.frontdesk.support.GatewaySettings;
import io.frontdesk.support.GatewaySettings.Route;
import io.frontdesk.support.RunningGateway;

/** The cache on a route, between a real client and a real origin on loopback. */
class CacheTest {

    @AutoClose
    private static final Origin origin = new Origin();
    @AutoClose
    private static final Origin flaky = new Origin();
    /** Over HTTP/1.1, one request per connection at a time, as caches see most clients behind a CDN or balancer. */
    @AutoClose
    private static final RunningGateway gateway = RunningGateway.start(GatewaySettings.empty()
            .pool("flaky", flaky.url())
            .set("frontdesk.pools.flaky.retry.max-attempts", "1")
            .route(Route.to("flaky").path("/flaky/**").filter("Cache=site"))
            .pool("web", origin.url())
            .set("frontdesk.pools.web.retry.max-attempts", "1")
            .set("frontdesk.pools.web.outlier-detection.enabled", "false")
            .route(Route.to("web").id("tuned").path("/tuned/**").filter("Cache=tuned"))
            .set("frontdesk.cache.policies.tuned.max-object-size", "1KB")
            .set("frontdesk.cache.policies.tuned.heuristic-max-ttl", "1h")
            .set("frontdesk.cache.policies.tuned.targeted-fields", "Edge-Cache-Control")
            .route(Route.to("web").filter("Cache=site"))
            .set("frontdesk.cache.policies.site.default-ttl", "5m")
            .set("frontdesk.cache.policies.site.max-object-size", "1KB"), HttpClient.Version.HTTP_1_1);

    private static String cacheStatus(HttpResponse<?> response) {
        return response.headers().firstValue("Cache-Status").orElse("");
    }

    @Test
    void aMissIsStoredAndTheNextRequestIsAHitWithAge() {
        origin.answer("/hit/app.css", Answer.of("body{}", "Cache-Control", "max-age=60", "Content-Type", "text/css"));

        HttpResponse<String> first = gateway.get("/hit/app.css");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(cacheStatus(first)).isEqualTo("Frontdesk; fwd=uri-miss; fwd-status=200; ttl=60; stored");
        HttpResponse<String> second = gateway.get("/hit/app.css");
        assertThat(second.body()).isEqualTo("body{}");
        assertThat(cacheStatus(second)).startsWith("Frontdesk; hit; ttl=");
        assertThat(second.headers().firstValue("Age")).isPresent();
        assertThat(second.headers().firstValue("Content-Type")).hasValue("text/css");
        assertThat(second.headers().firstValue("X-Request-Id")).as("the gateway's own, per request")
                .isPresent().isNotEqualTo(first.headers().firstValue("X-Request-Id"));
        assertThat(origin.requests("/hit/app.css")).isOne();
    }

    @Test
    void responsesASharedCacheMustNotStoreAreForwardedEveryTime() {
        origin.answer("/deny/no-store", Answer.of("x", "Cache-Control", "no-store"));
        origin.answer("/deny/private", Answer.of("x", "Cache-Control", "private, max-age=60"));
        origin.answer("/deny/cookie", Answer.of("x", "Cache-Control", "max-age=60", "Set-Cookie", "session=1"));
        origin.answer("/deny/auth", Answer.of("x", "Cache-Control", "max-age=60"));
        origin.answer("/deny/vary-star", Answer.of("x", "Cache-Control", "max-age=60", "Vary", "*"));
        origin.answer("/deny/large", Answer.of("x".repeat(2048), "Cache-Control", "max-age=60"));
        Map<String, String> expectedDetail = Map.of("/deny/no-store", "no-store", "/deny/private", "private",
                "/deny/cookie", "set-cookie", "/deny/auth", "authorization", "/deny/vary-star", "vary-star",
                "/deny/large", "too-large");
        expectedDetail.forEach((path, detail) -> {
            String[] headers = path.equals("/deny/auth") ? new String[] {"Authorization", "Bearer t"} : new String[0];
            HttpResponse<String> first = gateway.get(path, headers);
            HttpResponse<String> second = gateway.get(path, headers);
            assertThat(cacheStatus(second)).as(path).endsWith("detail=" + detail);
            assertThat(origin.requests(path)).as(path).isEqualTo(2);
            assertThat(first.body()).isEqualTo(second.body());
        });
    }

    @Test
    void variantsFollowVaryWithAcceptEncodingNormalised() {
        origin.answer("/vary", Answer.of("v", "Cache-Control", "max-age=60", "Vary", "Accept-Encoding"));

        gateway.get("/vary", "Accept-Encoding", "gzip");
        assertThat(cacheStatus(gateway.get("/vary", "Accept-Encoding", "br, gzip"))).contains("fwd=vary-miss");
        assertThat(cacheStatus(gateway.get("/vary", "Accept-Encoding", "deflate, gzip;q=0.8")))
                .startsWith("Frontdesk; hit");
        assertThat(cacheStatus(gateway.get("/vary", "Accept-Encoding", "gzip, br"))).startsWith("Frontdesk; hit");
        assertThat(origin.requests("/vary")).isEqualTo(2);
    }

    @Test
    void staleEntriesAreRevalidatedAndA304RefreshesThem() {
        origin.answer("/revalidate", Answer.of("same", "Cache-Control", "max-age=0, must-revalidate",
                "ETag", "\"v1\"", "X-Version", "1"));
        gateway.get("/revalidate");
        origin.answer("/revalidate", Answer.of("same", "Cache-Control", "max-age=0, must-revalidate",
                "ETag", "\"v1\"", "X-Version", "2"));

        HttpResponse<String> revalidated = gateway.get("/revalidate");
        assertThat(revalidated.statusCode()).isEqualTo(200);
        assertThat(revalidated.body()).isEqualTo("same");
        assertThat(revalidated.headers().firstValue("X-Version")).as("headers of the 304 replace stored ones")
                .hasValue("2");
        assertThat(cacheStatus(revalidated)).startsWith("Frontdesk; fwd=stale; fwd-status=304; stored");
        assertThat(origin.seen().get(origin.seen().size() - 1).get("If-None-Match")).isEqualTo("\"v1\"");
    }

    @Test
    void aClientsConditionalRequestIsAnswered304FromTheCache() {
        origin.answer("/conditional", Answer.of("c", "Cache-Control", "max-age=60", "ETag", "\"abc\""));
        gateway.get("/conditional");

        HttpResponse<String> notModified = gateway.get("/conditional", "If-None-Match", "W/\"abc\"");
        assertThat(notModified.statusCode()).isEqualTo(304);
        assertThat(notModified.headers().firstValue("ETag")).hasValue("\"abc\"");
        assertThat(cacheStatus(notModified)).startsWith("Frontdesk; hit");
        assertThat(origin.requests("/conditional")).isOne();
    }

    @Test
    void headAndRangeRequestsAreAnsweredFromACachedGet() {
        origin.answer("/range.txt", Answer.of("0123456789", "Cache-Control", "max-age=60"));
        gateway.get("/range.txt");

        HttpResponse<String> head = gateway.send(HttpRequest.newBuilder(gateway.uri("/range.txt"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Length")).hasValue("10");
        assertThat(head.body()).isEmpty();
        HttpResponse<String> range = gateway.get("/range.txt", "Range", "bytes=2-5");
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.body()).isEqualTo("2345");
        assertThat(range.headers().firstValue("Content-Range")).hasValue("bytes 2-5/10");
        assertThat(gateway.get("/range.txt", "Range", "bytes=20-").statusCode()).isEqualTo(416);
        assertThat(origin.requests("/range.txt")).isOne();
    }

    @Test
    void aHeadMissIsFetchedWithGetAndStored() {
        origin.answer("/head-first.svg", Answer.of("<svg/>", "Cache-Control", "max-age=60"));
        HttpResponse<String> head = gateway.send(HttpRequest.newBuilder(gateway.uri("/head-first.svg"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValue("Content-Length")).hasValue("6");
        assertThat(cacheStatus(head)).endsWith("stored");
        assertThat(gateway.get("/head-first.svg").body()).isEqualTo("<svg/>");
        assertThat(cacheStatus(gateway.get("/head-first.svg"))).startsWith("Frontdesk; hit");
        assertThat(origin.methods("/head-first.svg")).containsExactly("GET");
    }

    @Test
    void aStaleEntryIsServedWhenTheBackendFailsWithinStaleIfError() {
        origin.answer("/sie", Answer.of("good", "Cache-Control", "max-age=0, stale-if-error=60"));
        gateway.get("/sie");
        origin.answer("/sie", Answer.of("broken", "Cache-Control", "no-store").status(503));

        HttpResponse<String> stale = gateway.get("/sie");
        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(stale.body()).isEqualTo("good");
        assertThat(cacheStatus(stale)).contains("fwd=stale", "fwd-status=503", "detail=stale-if-error");
    }

    @Test
    void aStaleEntryIsServedWhileOneBackgroundRequestRefreshesIt() {
        origin.answer("/swr", Answer.of("old", "Cache-Control", "max-age=0, stale-while-revalidate=60"));
        gateway.get("/swr");
        origin.answer("/swr", Answer.of("new", "Cache-Control", "max-age=60").delayed(Duration.ofMillis(300)));

        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            responses.add(gateway.client().sendAsync(gateway.request("/swr").build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> response : responses) {
            assertThat(response.join().body()).as("answered at once, from the cache").isEqualTo("old");
            assertThat(cacheStatus(response.join())).startsWith("Frontdesk; hit; ttl=")
                    .endsWith("detail=stale-while-revalidate");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> gateway.get("/swr").body().equals("new"));
        assertThat(cacheStatus(gateway.get("/swr"))).startsWith("Frontdesk; hit");
        assertThat(origin.requests("/swr")).as("the first fill and a single refresh").isEqualTo(2);
    }

    @Test
    void theCacheKeepsTheSiteUpWhenItsBackendIsDown() {
        flaky.answer("/flaky/home", Answer.of("home", "Cache-Control", "max-age=0, stale-if-error=60"));
        flaky.answer("/flaky/strict", Answer.of("strict", "Cache-Control", "max-age=0, must-revalidate"));
        gateway.get("/flaky/home");
        gateway.get("/flaky/strict");
        flaky.close();

        HttpResponse<String> stale = gateway.get("/flaky/home");
        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(stale.body()).isEqualTo("home");
        assertThat(cacheStatus(stale)).contains("fwd=stale", "detail=stale-if-error");
        assertThat(gateway.get("/flaky/strict").statusCode()).as("must-revalidate forbids serving it stale")
                .isEqualTo(502);
    }

    @Test
    void concurrentMissesForOneKeyMakeOneBackendRequest() {
        origin.answer("/coalesce", Answer.of("once", "Cache-Control", "max-age=60").delayed(Duration.ofMillis(500)));
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            responses.add(gateway.client().sendAsync(gateway.request("/coalesce").build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> response : responses) {
            assertThat(response.join().body()).isEqualTo("once");
        }
        assertThat(origin.requests("/coalesce")).isOne();
        assertThat(responses.stream().map(response -> cacheStatus(response.join())))
                .anyMatch(status -> status.contains("collapsed"));
    }

    @Test
    void requestDirectivesAreHonoured() {
        origin.answer("/directives", Answer.of("d", "Cache-Control", "max-age=60", "ETag", "\"d\""));
        assertThat(gateway.get("/directives", "Cache-Control", "only-if-cached").statusCode()).isEqualTo(504);
        gateway.get("/directives");
        assertThat(cacheStatus(gateway.get("/directives", "Cache-Control", "no-cache")))
                .startsWith("Frontdesk; fwd=request");
        assertThat(cacheStatus(gateway.get("/directives", "Cache-Control", "max-age=0")))
                .startsWith("Frontdesk; fwd=request");
        assertThat(cacheStatus(gateway.get("/directives", "Cache-Control", "min-fresh=3600")))
                .startsWith("Frontdesk; fwd=request");
        assertThat(cacheStatus(gateway.get("/directives", "Cache-Control", "only-if-cached")))
                .startsWith("Frontdesk; hit");
    }

    @Test
    void theKeyIgnoresTrackingParametersAndParameterOrder() {
        origin.answer("/search", Answer.of("s", "Cache-Control", "max-age=60"));
        gateway.get("/search?b=2&a=1&utm_source=mail");
        assertThat(cacheStatus(gateway.get("/search?a=1&b=2"))).startsWith("Frontdesk; hit");
        assertThat(cacheStatus(gateway.get("/search?a=1&b=3"))).contains("fwd=uri-miss");
        assertThat(origin.requests("/search")).isEqualTo(2);
    }

    @Test
    void staticContentWithoutFreshnessGetsThePolicysDefaultTtl() {
        origin.answer("/plain/logo.png", Answer.of("png"));
        origin.answer("/plain/page", Answer.of("page"));
        assertThat(cacheStatus(gateway.get("/plain/logo.png"))).as("the Date header's second may already be past")
                .containsPattern("ttl=(300|299); stored");
        assertThat(cacheStatus(gateway.get("/plain/logo.png"))).startsWith("Frontdesk; hit");
        gateway.get("/plain/page");
        assertThat(cacheStatus(gateway.get("/plain/page"))).as("no freshness, no default: stored but always stale")
                .doesNotStartWith("Frontdesk; hit");
    }

    @Test
    void unsafeRequestsInvalidateTheirUrl() {
        origin.answer("/cart", Answer.of("c", "Cache-Control", "max-age=60"));
        gateway.get("/cart");
        assertThat(cacheStatus(gateway.get("/cart"))).startsWith("Frontdesk; hit");
        gateway.send(HttpRequest.newBuilder(gateway.uri("/cart")).POST(HttpRequest.BodyPublishers.ofString("x"))
                .build());
        assertThat(cacheStatus(gateway.get("/cart"))).contains("fwd=uri-miss");
    }

    @Test
    void rfc9111_4_theKeyKeepsTheOrderOfARepeatedParameter() {
        origin.answer("/repeated", Answer.of("r", "Cache-Control", "max-age=60"));
        gateway.get("/repeated?a=2&a=1");
        assertThat(cacheStatus(gateway.get("/repeated?a=1&a=2"))).as("another first value: another resource")
                .contains("fwd=uri-miss");
        assertThat(cacheStatus(gateway.get("/repeated?b=0&a=2&a=1"))).contains("fwd=uri-miss");
        assertThat(cacheStatus(gateway.get("/repeated?a=2&b=0&a=1"))).as("distinct names are still sorted")
                .startsWith("Frontdesk; hit");
        assertThat(origin.requests("/repeated")).isEqualTo(3);
    }

    @Test
    void rfc9111_5_1_aListAgeCountsByItsFirstMemberAndAnInvalidOneIsIgnored() {
        origin.answer("/age/list", Answer.of("a", "Cache-Control", "max-age=3600", "Age", "7200, 0"));
        origin.answer("/age/list-with-junk", Answer.of("a", "Cache-Control", "max-age=3600", "Age", "7200, soon"));
        origin.answer("/age/invalid", Answer.of("a", "Cache-Control", "max-age=3600", "Age", "-5",
                "Date", HttpDates.format(System.currentTimeMillis())));
        for (String path : List.of("/age/list", "/age/list-with-junk")) {
            gateway.get(path);
            assertThat(cacheStatus(gateway.get(path))).as(path + ": two hours old, fresh for one")
                    .startsWith("Frontdesk; fwd=stale");
        }
        gateway.get("/age/invalid");
        HttpResponse<String> hit = gateway.get("/age/invalid");
        assertThat(cacheStatus(hit)).as("an Age that is no number is ignored").startsWith("Frontdesk; hit");
        assertThat(Long.parseLong(hit.headers().firstValue("Age").orElseThrow())).isBetween(0L, 5L);
    }

    @Test
    void rfc9111_5_3_anInvalidExpiresMeansExpiredAndTheObsoleteDateFormsAreUnderstood() {
        long now = System.currentTimeMillis();
        String date = HttpDates.format(now);
        ZonedDateTime inAnHour = Instant.ofEpochMilli(now).plusSeconds(3600).atZone(ZoneOffset.UTC);
        ZonedDateTime morningNextYear = inAnHour.plusYears(1).withHour(8);
        Map<String, String> expired = Map.of(
                "/expires/one-digit-hour", format("EEE, dd MMM yyyy H:mm:ss 'GMT'", morningNextYear),
                "/expires/twice", HttpDates.format(now + 3_600_000) + "\n" + HttpDates.format(now + 3_600_000),
                "/expires/rfc850-last-century", "Sunday, 06-Nov-94 08:49:37 GMT",
                "/expires/zero", "0");
        Map<String, String> fresh = Map.of(
                "/expires/asctime", format("EEE MMM ppd HH:mm:ss yyyy", inAnHour),
                "/expires/rfc850", format("EEEE, dd-MMM-yy HH:mm:ss 'GMT'", inAnHour),
                "/expires/imf-fixdate", HttpDates.format(now + 3_600_000));
        expired.forEach((path, expires) -> {
            origin.answer(path, Answer.of("e", "Expires", expires, "Date", date));
            gateway.get(path);
            assertThat(cacheStatus(gateway.get(path))).as(path + ": " + expires).doesNotStartWith("Frontdesk; hit");
        });
        fresh.forEach((path, expires) -> {
            origin.answer(path, Answer.of("e", "Expires", expires, "Date", date));
            gateway.get(path);
            assertThat(cacheStatus(gateway.get(path))).as(path + ": " + expires).startsWith("Frontdesk; hit");
        });
    }

    private static String format(String pattern, ZonedDateTime time) {
        return DateTimeFormatter.ofPattern(pattern, Locale.US).format(time);
    }

    @Test
    void rfc9111_4_4_everySuccessfulUnsafeMethodInvalidatesItsUrlWhateverItsName() {
        for (String method : List.of("PUT", "DELETE", "PATCH", "PROPPATCH", "FROBNICATE")) {
            String path = "/invalidate/" + method;
            origin.answer(path, Answer.of("i", "Cache-Control", "max-age=60"));
            gateway.get(path);
            send(method, path);
            assertThat(cacheStatus(gateway.get(path))).as(method).contains("fwd=uri-miss");
        }
        origin.answer("/invalidate/safe", Answer.of("i", "Cache-Control", "max-age=60"));
        gateway.get("/invalidate/safe");
        send("OPTIONS", "/invalidate/safe");
        assertThat(cacheStatus(gateway.get("/invalidate/safe"))).as("OPTIONS is safe").startsWith("Frontdesk; hit");
        origin.answer("/invalidate/refused", Answer.of("i", "Cache-Control", "max-age=60"));
        gateway.get("/invalidate/refused");
        origin.answer("/invalidate/refused", Answer.of("no", "Cache-Control", "no-store").status(403));
        send("FROBNICATE", "/invalidate/refused");
        assertThat(cacheStatus(gateway.get("/invalidate/refused"))).as("an error changes nothing")
                .startsWith("Frontdesk; hit");
    }

    @Test
    void rfc9111_4_4_theLocationOfASuccessfulUnsafeRequestIsInvalidatedToo() {
        origin.answer("/orders/7", Answer.of("order 7", "Cache-Control", "max-age=60"));
        origin.answer("/orders", Answer.of("created", "Location", "/orders/7").status(201));
        gateway.get("/orders/7");
        send("POST", "/orders");
        assertThat(cacheStatus(gateway.get("/orders/7"))).contains("fwd=uri-miss");
    }

    private static HttpResponse<String> send(String method, String path) {
        return gateway.send(HttpRequest.newBuilder(gateway.uri(path))
                .method(method, HttpRequest.BodyPublishers.ofString("x")).build());
    }

    @Test
    void rfc9111_3_aResponseOfAnyStatusWithExplicitFreshnessIsStoredAndReused() {
        for (int status : new int[] {299, 303, 400, 499, 500, 502, 503, 504, 599}) {
            String path = "/status/" + status;
            origin.answer(path, Answer.of("s" + status, "Cache-Control", "max-age=60").status(status));
            gateway.get(path);
            HttpResponse<String> second = gateway.get(path);
            assertThat(second.statusCode()).as(path).isEqualTo(status);
            assertThat(second.body()).isEqualTo("s" + status);
            assertThat(cacheStatus(second)).as(path).startsWith("Frontdesk; hit");
            assertThat(origin.requests(path)).as(path).isOne();
        }
        String lastYear = HttpDates.format(System.currentTimeMillis() - 365L * 86_400_000);
        for (int status : new int[] {200, 302, 500}) {
            String path = "/status/heuristic/" + status;
            origin.answer(path, Answer.of("h", "Last-Modified", lastYear).status(status));
            gateway.get(path);
            assertThat(cacheStatus(gateway.get(path))).as(path + ": heuristics only for heuristically cacheable")
                    .startsWith(status == 200 ? "Frontdesk; hit" : "Frontdesk; fwd=uri-miss");
        }
    }

    @Test
    void rfc9111_4_2_2_heuristicFreshnessIsCappedByThePolicy() {
        long now = System.currentTimeMillis();
        String twoYearsAgo = HttpDates.format(now - 730L * 86_400_000);
        origin.answer("/heuristic/old", Answer.of("o", "Last-Modified", twoYearsAgo, "Date", HttpDates.format(now)));
        origin.answer("/tuned/heuristic/old", Answer.of("o", "Last-Modified", twoYearsAgo,
                "Date", HttpDates.format(now)));
        assertThat(ttl(gateway.get("/heuristic/old"))).as("one day by default").isBetween(86_390L, 86_400L);
        assertThat(ttl(gateway.get("/tuned/heuristic/old"))).as("the policy's heuristic-max-ttl")
                .isBetween(3_590L, 3_600L);
    }

    private static long ttl(HttpResponse<?> response) {
        java.util.regex.Matcher ttl = java.util.regex.Pattern.compile("ttl=(-?\\d+)").matcher(cacheStatus(response));
        assertThat(ttl.find()).as(cacheStatus(response)).isTrue();
        return Long.parseLong(ttl.group(1));
    }

    @Test
    void rfc9111_5_2_2_3_mustUnderstandStoresAStatusThisCacheUnderstandsDespiteNoStore() {
        origin.answer("/understand/ok", Answer.of("u", "Cache-Control", "must-understand, no-store, max-age=60"));
        gateway.get("/understand/ok");
        assertThat(cacheStatus(gateway.get("/understand/ok"))).startsWith("Frontdesk; hit");
        for (String cacheControl : List.of("must-understand, no-store, max-age=60", "must-understand, max-age=60")) {
            String path = "/understand/unknown/" + cacheControl.length();
            origin.answer(path, Answer.of("u", "Cache-Control", cacheControl).status(299));
            gateway.get(path);
            assertThat(cacheStatus(gateway.get(path))).as(cacheControl).contains("fwd=uri-miss")
                    .endsWith("detail=must-understand");
        }
    }

    @Test
    void rfc9111_4_3_2_ifModifiedSinceIsJudgedByDateWhenTheStoredResponseHasNoLastModified() {
        long now = System.currentTimeMillis();
        origin.answer("/ims", Answer.of("i", "Cache-Control", "max-age=60", "Date", HttpDates.format(now - 10_000)));
        gateway.get("/ims");
        HttpResponse<String> notModified = gateway.get("/ims", "If-Modified-Since", HttpDates.format(now));
        assertThat(notModified.statusCode()).isEqualTo(304);
        assertThat(cacheStatus(notModified)).startsWith("Frontdesk; hit");
        HttpResponse<String> modified = gateway.get("/ims", "If-Modified-Since", HttpDates.format(now - 3_600_000));
        assertThat(modified.statusCode()).isEqualTo(200);
        assertThat(modified.body()).isEqualTo("i");
        assertThat(origin.requests("/ims")).isOne();
    }

    @Test
    void rfc9111_4_3_2_aClientsConditionalsReachTheOriginOnAMissAndItsOwnTagIsComparedOnAHit() {
        origin.answer("/inm", Answer.of("n", "Cache-Control", "max-age=60", "ETag", "\"n1\""));
        HttpResponse<String> passed = gateway.get("/inm", "If-None-Match", "\"n1\"");
        assertThat(passed.statusCode()).as("the origin's answer to the client's condition").isEqualTo(304);
        assertThat(origin.seen().get(origin.seen().size() - 1).get("If-None-Match")).isEqualTo("\"n1\"");
        assertThat(cacheStatus(gateway.get("/inm"))).as("a 304 is not stored").contains("fwd=uri-miss");
        assertThat(gateway.get("/inm", "If-None-Match", "\"n1\"").statusCode()).isEqualTo(304);
        HttpResponse<String> other = gateway.get("/inm", "If-None-Match", "\"n0\"");
        assertThat(other.statusCode()).isEqualTo(200);
        assertThat(cacheStatus(other)).startsWith("Frontdesk; hit");
        assertThat(origin.requests("/inm")).isEqualTo(2);
    }

    @Test
    void rfc9213_2_1_cdnCacheControlReplacesCacheControlForTheCacheAndStopsHere() {
        origin.answer("/targeted/edge-only", Answer.of("t", "Cache-Control", "no-store",
                "CDN-Cache-Control", "max-age=600"));
        HttpResponse<String> stored = gateway.get("/targeted/edge-only");
        assertThat(ttl(stored)).isEqualTo(600);
        HttpResponse<String> hit = gateway.get("/targeted/edge-only");
        assertThat(cacheStatus(hit)).startsWith("Frontdesk; hit");
        for (HttpResponse<String> response : List.of(stored, hit)) {
            assertThat(response.headers().firstValue("CDN-Cache-Control")).as("meant for this cache").isEmpty();
            assertThat(response.headers().firstValue("Cache-Control")).as("meant for the others").hasValue("no-store");
        }
        origin.answer("/targeted/browsers-only", Answer.of("t", "Cache-Control", "max-age=600",
                "CDN-Cache-Control", "no-store"));
        gateway.get("/targeted/browsers-only");
        assertThat(cacheStatus(gateway.get("/targeted/browsers-only"))).endsWith("detail=no-store");
        origin.answer("/targeted/first", Answer.of("t", "Cache-Control", "max-age=60",
                "Frontdesk-Cache-Control", "max-age=30", "CDN-Cache-Control", "max-age=600"));
        HttpResponse<String> first = gateway.get("/targeted/first");
        assertThat(ttl(first)).as("the first on the target list").isEqualTo(30);
        assertThat(first.headers().map()).doesNotContainKeys("frontdesk-cache-control", "cdn-cache-control");
        origin.answer("/targeted/invalid", Answer.of("t", "Cache-Control", "max-age=60",
                "CDN-Cache-Control", "Max-Age=600"));
        assertThat(ttl(gateway.get("/targeted/invalid"))).as("not a structured dictionary: Cache-Control applies")
                .isEqualTo(60);
        origin.answer("/targeted/expires", Answer.of("t", "CDN-Cache-Control", "must-revalidate",
                "Expires", HttpDates.format(System.currentTimeMillis() + 3_600_000)));
        assertThat(ttl(gateway.get("/targeted/expires"))).as("Expires is ignored with a targeted field").isZero();
    }

    @Test
    void rfc9213_2_1_eachPolicyNamesItsTargetList() {
        origin.answer("/tuned/targeted", Answer.of("t", "Cache-Control", "max-age=60",
                "Edge-Cache-Control", "max-age=120", "CDN-Cache-Control", "max-age=600"));
        HttpResponse<String> response = gateway.get("/tuned/targeted");
        assertThat(ttl(response)).isEqualTo(120);
        assertThat(response.headers().firstValue("Edge-Cache-Control")).isEmpty();
        assertThat(response.headers().firstValue("CDN-Cache-Control")).as("not on this policy's list: passed through")
                .hasValue("max-age=600");
    }

    @Test
    void rfc9111_3_4_rangesOfOneRepresentationAreStoredAndCombinedUntilItIsWhole() {
        String asset = "0123456789abcdefghij".repeat(15);
        origin.answer("/media/clip.bin", Answer.of(asset, "Cache-Control", "max-age=60", "ETag", "\"c1\"")
                .servingRanges());
        HttpResponse<String> first = gateway.get("/media/clip.bin", "Range", "bytes=0-99");
        assertThat(first.statusCode()).isEqualTo(206);
        assertThat(first.body()).isEqualTo(asset.substring(0, 100));
        assertThat(cacheStatus(first)).endsWith("stored");
        HttpResponse<String> inside = gateway.get("/media/clip.bin", "Range", "bytes=10-19");
        assertThat(inside.statusCode()).isEqualTo(206);
        assertThat(inside.body()).isEqualTo(asset.substring(10, 20));
        assertThat(inside.headers().firstValue("Content-Range")).hasValue("bytes 10-19/300");
        assertThat(cacheStatus(inside)).startsWith("Frontdesk; hit");
        HttpResponse<String> next = gateway.get("/media/clip.bin", "Range", "bytes=100-199");
        assertThat(cacheStatus(next)).as("not held yet").startsWith("Frontdesk; fwd=partial");
        assertThat(next.body()).isEqualTo(asset.substring(100, 200));
        HttpResponse<String> across = gateway.get("/media/clip.bin", "Range", "bytes=50-149");
        assertThat(cacheStatus(across)).as("from both parts").startsWith("Frontdesk; hit");
        assertThat(across.body()).isEqualTo(asset.substring(50, 150));
        gateway.get("/media/clip.bin", "Range", "bytes=200-299");
        HttpResponse<String> whole = gateway.get("/media/clip.bin");
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(asset);
        assertThat(whole.headers().firstValue("Content-Range")).isEmpty();
        assertThat(cacheStatus(whole)).startsWith("Frontdesk; hit");
        assertThat(origin.requests("/media/clip.bin")).isEqualTo(3);
    }

    @Test
    void rfc9111_3_4_onlyPartsWithTheSameStrongValidatorAreCombined() {
        String asset = "0123456789".repeat(30);
        origin.answer("/media/changed.bin", Answer.of(asset, "Cache-Control", "max-age=60", "ETag", "\"a\"")
                .servingRanges());
        gateway.get("/media/changed.bin", "Range", "bytes=0-99");
        String changed = "ABCDEFGHIJ".repeat(30);
        origin.answer("/media/changed.bin", Answer.of(changed, "Cache-Control", "max-age=60", "ETag", "\"b\"")
                .servingRanges());
        gateway.get("/media/changed.bin", "Range", "bytes=100-199");
        HttpResponse<String> across = gateway.get("/media/changed.bin", "Range", "bytes=50-149");
        assertThat(cacheStatus(across)).as("the parts of \"a\" and \"b\" are not one representation")
                .startsWith("Frontdesk; fwd=partial");
        assertThat(across.body()).isEqualTo(changed.substring(50, 150));
        origin.answer("/media/weak.bin", Answer.of(asset, "Cache-Control", "max-age=60", "ETag", "W/\"w\"")
                .servingRanges());
        gateway.get("/media/weak.bin", "Range", "bytes=0-99");
        assertThat(cacheStatus(gateway.get("/media/weak.bin", "Range", "bytes=0-9"))).as("no strong validator")
                .contains("fwd=uri-miss");
    }

    @Test
    void rfc9111_4_2_4_aResponseThatSaysNoCacheIsNeverServedUnvalidatedWhenTheBackendFails() {
        origin.answer("/no-cache/sie", Answer.of("v1", "Cache-Control", "no-cache, stale-if-error=60",
                "ETag", "\"v1\""));
        gateway.get("/no-cache/sie");
        origin.answer("/no-cache/sie", Answer.of("down", "Cache-Control", "no-store").status(503));
        HttpResponse<String> failed = gateway.get("/no-cache/sie");
        assertThat(failed.statusCode()).isEqualTo(503);
        assertThat(failed.body()).isEqualTo("down");
    }

    @Test
    void rfc9111_4_3_4_a304WithAnotherStrongValidatorDoesNotFreshenTheStoredResponse() {
        origin.answer("/freshen", Answer.of("v1", "Cache-Control", "max-age=0, must-revalidate", "ETag", "\"v1\"",
                "X-Version", "1"));
        gateway.get("/freshen");
        origin.answer("/freshen", Answer.of("", "Cache-Control", "max-age=60", "ETag", "\"v2\"", "X-Version", "2")
                .status(304));
        HttpResponse<String> answered = gateway.get("/freshen");
        assertThat(answered.statusCode()).isEqualTo(200);
        assertThat(answered.body()).isEqualTo("v1");
        assertThat(answered.headers().firstValue("X-Version")).as("not updated by another representation's 304")
                .hasValue("1");
        assertThat(cacheStatus(gateway.get("/freshen"))).as("still stale").startsWith("Frontdesk; fwd=stale");
    }
}
