package io.frontdesk.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.util.unit.DataSize;

import io.frontdesk.config.CacheProperties.PolicyProperties;

/** Freshness and age as RFC 9111 section 4.2 computes them, on fixed clocks. */
class FreshnessTest {

    private static final long T = 1_800_000_000_000L;
    private static final CachePolicy POLICY = CachePolicy.from("test", new PolicyProperties(Duration.ZERO,
            List.of("css"), List.of("image/*"), 10, Duration.ofDays(1), List.of(), List.of(), List.of("utm_*"), DataSize.ofMegabytes(1),
            Duration.ZERO, Duration.ZERO, false, List.of("CDN-Cache-Control")));

    private static StoredResponse received(long requestTime, long responseTime, String... headerPairs) {
        HttpHeaders headers = new HttpHeaders();
        for (int i = 0; i < headerPairs.length; i += 2) {
            headers.add(headerPairs[i], headerPairs[i + 1]);
        }
        return StoredResponse.received(200, headers, new byte[0], requestTime, responseTime, POLICY, "/page");
    }

    @Test
    void sharedMaxAgeWinsOverMaxAgeAndExpires() {
        StoredResponse response = received(T, T, "Cache-Control", "max-age=10, s-maxage=100",
                "Expires", HttpDates.format(T + 5_000), "Date", HttpDates.format(T));
        assertThat(response.freshnessLifetime()).isEqualTo(100_000);
        assertThat(response.forbidsStale()).as("s-maxage implies proxy-revalidate").isTrue();
    }

    @Test
    void expiresCountsFromTheDateHeaderAndAnInvalidOneMeansStale() {
        assertThat(received(T, T, "Expires", HttpDates.format(T + 60_000), "Date", HttpDates.format(T - 30_000))
                .freshnessLifetime()).isEqualTo(90_000);
        assertThat(received(T, T, "Expires", "0").freshnessLifetime()).isZero();
    }

    @Test
    void ageAddsTheResponseDelayToTheAgeHeaderAndTheTimeSinceReceipt() {
        // Age 30 s upstream, 2 s in transit, 5 s stored here; Date says 10 s before receipt.
        StoredResponse response = received(T - 2_000, T, "Cache-Control", "max-age=60", "Age", "30",
                "Date", HttpDates.format(T - 10_000));
        assertThat(response.currentAge(T + 5_000)).isEqualTo(37_000);
        assertThat(response.timeToLive(T + 5_000)).isEqualTo(23_000);
    }

    @Test
    void heuristicFreshnessIsAShareOfTheLastModifiedAgeOnlyWithoutExplicitFreshness() {
        StoredResponse heuristic = received(T, T, "Last-Modified", HttpDates.format(T - 100_000_000),
                "Date", HttpDates.format(T));
        assertThat(heuristic.freshnessLifetime()).isEqualTo(10_000_000);
        assertThat(received(T, T, "Last-Modified", HttpDates.format(T - 100_000_000), "Cache-Control", "max-age=5")
                .freshnessLifetime()).isEqualTo(5_000);
    }

    @Test
    void cacheControlParsingKeepsTheFirstOfRepeatedDirectivesAndReadsQuotedFieldNames() {
        CacheControl control = CacheControl.parse(List.of("max-age=5, no-cache=\"Set-Cookie, X-A\"", "max-age=9"));
        assertThat(control.seconds("max-age")).isEqualTo(5);
        assertThat(control.fieldNames("no-cache")).containsExactly("Set-Cookie", "X-A");
        assertThat(control.unqualified("no-cache")).isFalse();
        assertThat(CacheControl.parse(List.of("max-age=abc")).lifetimeSeconds("max-age")).isZero();
    }

    @Test
    void singleByteRanges() {
        assertThat(ByteRange.single("bytes=0-3", 10)).containsExactly(0, 3);
        assertThat(ByteRange.single("bytes=-4", 10)).containsExactly(6, 9);
        assertThat(ByteRange.single("bytes=7-", 10)).containsExactly(7, 9);
        assertThat(ByteRange.single("bytes=10-", 10)).isSameAs(ByteRange.UNSATISFIABLE);
        assertThat(ByteRange.single("bytes=0-1,4-5", 10)).isNull();
        assertThat(ByteRange.single("items=0-1", 10)).isNull();
    }

    @Test
    void rfc9111_5_1_theFirstMemberOfAListAgeCountsAndAnInvalidAgeIsIgnored() {
        assertThat(received(T, T, "Age", "7200, 0").currentAge(T)).isEqualTo(7_200_000);
        assertThat(received(T, T, "Age", "-5").currentAge(T)).isZero();
        assertThat(received(T, T, "Age", "1.5").currentAge(T)).isZero();
    }

    @Test
    void rfc9110_5_6_7_httpDatesInTheirThreeFormsAndNothingElse() {
        long sunday = 784_111_777_000L;
        assertThat(HttpDates.parse("Sun, 06 Nov 1994 08:49:37 GMT")).isEqualTo(sunday);
        assertThat(HttpDates.parse("Sunday, 06-Nov-94 08:49:37 GMT")).as("two-digit year: the last century")
                .isEqualTo(sunday);
        assertThat(HttpDates.parse("Sun Nov  6 08:49:37 1994")).isEqualTo(sunday);
        assertThat(HttpDates.parse("Sun Nov 16 08:49:37 1994")).isEqualTo(sunday + 10 * 86_400_000L);
        for (String invalid : List.of("Sun, 06 Nov 1994 8:49:37 GMT", "Sun, 6 Nov 1994 08:49:37 GMT",
                "Sun, 06 Nov 1994 08:49:37 PST", "Sun, 06 Nov 1994 08:49:37 +0000", "06 Nov 1994 08:49:37 GMT",
                "Sun, 31 Feb 1994 08:49:37 GMT", "Sun, 06 Nov 1994 24:00:00 GMT", "Sun Nov 6 08:49:37 1994",
                "Sun, 06 Nov 1994 08:49:37 GMT junk", "0", "")) {
            assertThat(HttpDates.parse(invalid)).as(invalid).isEqualTo(HttpDates.INVALID);
        }
    }

    @Test
    void rfc9111_5_3_expiresGivenTwiceMeansExpired() {
        HttpHeaders headers = new HttpHeaders();
        headers.add("Expires", HttpDates.format(T + 60_000));
        headers.add("Expires", HttpDates.format(T + 60_000));
        assertThat(StoredResponse.received(200, headers, new byte[0], T, T, POLICY, "/page").freshnessLifetime())
                .isZero();
    }

    @Test
    void rfc9213_2_2_aTargetedFieldIsAStructuredDictionaryAndReplacesCacheControlAndExpires() {
        assertThat(StructuredDictionary.parse("max-age=60, no-cache=\"Set-Cookie\", private=?0, must-revalidate;x=1"))
                .containsExactly(entry("max-age", "60"), entry("no-cache", "Set-Cookie"), entry("must-revalidate", ""));
        for (String invalid : List.of("Max-Age=60", "max-age=60,", "max-age=60 s-maxage=5", "no-cache=\"a", "max-age=?2",
                "max-age=1234567890123456")) {
            assertThat(StructuredDictionary.parse(invalid)).as(invalid).isNull();
        }
        StoredResponse targeted = received(T, T, "CDN-Cache-Control", "stale-if-error=10", "Cache-Control", "max-age=60",
                "Expires", HttpDates.format(T + 60_000));
        assertThat(targeted.freshnessLifetime()).isZero();
        assertThat(targeted.directivesField()).isEqualTo("CDN-Cache-Control");
        assertThat(received(T, T, "CDN-Cache-Control", "max-age=60;", "Cache-Control", "max-age=5").freshnessLifetime())
                .as("invalid: Cache-Control applies").isEqualTo(5_000);
    }

    @Test
    void rfc9111_3_4_partsOfOneRepresentationCombineIntoAWholeThatSurvivesTheSharedTierFormat() {
        StoredResponse first = part(0, 3, "0123");
        StoredResponse third = part(8, 9, "89");
        StoredResponse partial = first.combinedWith(third);
        assertThat(partial.holds(0, 3)).isTrue();
        assertThat(partial.holds(3, 8)).isFalse();
        StoredResponse restored = (StoredResponse) StoredCodec.decode(StoredCodec.encode(partial, T)).value();
        assertThat(restored.holds(8, 9)).isTrue();
        assertThat(UTF_8.decode(restored.bytes(8, 9)).toString()).isEqualTo("89");
        StoredResponse whole = restored.combinedWith(part(2, 7, "234567"));
        assertThat(whole.status()).isEqualTo(200);
        assertThat(whole.part()).isNull();
        assertThat(UTF_8.decode(whole.body()).toString()).isEqualTo("0123456789");
        assertThat(whole.headers().getContentLength()).isEqualTo(10);
        assertThat(whole.headers().containsHeader("Content-Range")).isFalse();
        assertThat(first.samePartAs(part(0, 3, "0123", "\"other\""))).isFalse();
    }

    private static StoredResponse part(long first, long last, String bytes) {
        return part(first, last, bytes, "\"v\"");
    }

    private static StoredResponse part(long first, long last, String bytes, String etag) {
        HttpHeaders headers = new HttpHeaders();
        headers.add("ETag", etag);
        headers.add("Cache-Control", "max-age=60");
        headers.add("Content-Range", "bytes " + first + "-" + last + "/10");
        headers.setContentLength(last - first + 1);
        return StoredResponse.received(206, headers, bytes.getBytes(UTF_8), T, T, POLICY, "/page");
    }
}
