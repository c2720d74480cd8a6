package io.frontdesk.shield;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The token bucket's arithmetic, on a clock the test moves. */
class LocalLimiterTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong clock = new AtomicLong(1_000 * SECOND);

    private LocalLimiter limiter(String rate, int burst) {
        Rate parsed = Rate.parse(rate);
        return new LocalLimiter(new RateLimit("test", parsed, burst, LimitKey.parse(List.of("client"))), clock::get);
    }

    @Test
    void aBurstPassesAtOnceThenTheRateRefillsIt() {
        LocalLimiter limiter = limiter("10/s", 5);
        for (int i = 0; i < 5; i++) {
            Decision decision = limiter.decide("a");
            assertThat(decision.allowed()).isTrue();
            assertThat(decision.remaining()).isEqualTo(4 - i);
        }
        Decision refused = limiter.decide("a");
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterNanos()).isEqualTo(SECOND / 10);
        assertThat(refused.resetNanos()).isEqualTo(SECOND / 2);

        clock.addAndGet(SECOND / 10);
        assertThat(limiter.decide("a").allowed()).isTrue();
        assertThat(limiter.decide("a").allowed()).isFalse();
    }

    @Test
    void overASecondOfFloodingTheRateAndTheBurstPassNothingMore() {
        LocalLimiter limiter = limiter("20/s", 10);
        int allowed = 0;
        for (int step = 0; step < 1000; step++) {
            if (limiter.decide("flood").allowed()) {
                allowed++;
            }
            clock.addAndGet(SECOND / 1000);
        }
        assertThat(allowed).isEqualTo(10 + 20 - 1);
    }

    @Test
    void aBucketKeptBusyIsNeverForgottenAndRefilled() {
        LocalLimiter limiter = limiter("10/s", 5);
        int allowed = 0;
        for (int step = 0; step < 5000; step++) {
            if (limiter.decide("flood").allowed()) {
                allowed++;
            }
            clock.addAndGet(SECOND / 1000);
        }
        assertThat(allowed).as("the burst once, then ten a second for five seconds").isEqualTo(5 + 50 - 1);
    }

    @Test
    void keysHaveBucketsOfTheirOwn() {
        LocalLimiter limiter = limiter("1/m", 1);
        assertThat(limiter.decide("a").allowed()).isTrue();
        assertThat(limiter.decide("a").allowed()).isFalse();
        assertThat(limiter.decide("b").allowed()).isTrue();
    }

    @Test
    void aRefundGivesTheTokenBack() {
        LocalLimiter limiter = limiter("1/m", 1);
        assertThat(limiter.decide("a").allowed()).isTrue();
        limiter.refund("a");
        assertThat(limiter.decide("a").allowed()).isTrue();
    }

    @Test
    void ratesAreParsed() {
        assertThat(Rate.parse("20/s")).isEqualTo(new Rate(20, Duration.ofSeconds(1)));
        assertThat(Rate.parse("600 / m")).isEqualTo(new Rate(600, Duration.ofMinutes(1)));
        assertThat(Rate.parse("5/10s")).isEqualTo(new Rate(5, Duration.ofSeconds(10)));
        assertThat(Rate.parse("fast")).isNull();
        assertThat(Rate.parse("0/s")).isNull();
        assertThat(Rate.parse("10/w")).isNull();
    }
}
