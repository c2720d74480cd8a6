package io.frontdesk.balancer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The latency averages, on a clock the test moves (nanoseconds, decay of 1 s). */
class LatencyEstimateTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long MS = 1_000_000L;

    private final LatencyEstimate estimate = new LatencyEstimate(SECOND);

    @Test
    void nothingIsKnownBeforeTheFirstSample() {
        assertThat(estimate.sampled()).isFalse();
        assertThat(estimate.peakNanos(5 * SECOND)).isZero();
        assertThat(estimate.meanNanos()).isZero();
    }

    @Test
    void theFirstSampleIsBothAverages() {
        estimate.record(40 * MS, SECOND);
        assertThat(estimate.sampled()).isTrue();
        assertThat(estimate.peakNanos(SECOND)).isEqualTo(40.0 * MS);
        assertThat(estimate.meanNanos()).isEqualTo(40.0 * MS);
    }

    @Test
    void aSampleAboveThePeakReplacesItAtOnceWhileTheMeanMovesByItsWeight() {
        estimate.record(10 * MS, 0);
        estimate.record(500 * MS, SECOND);
        assertThat(estimate.peakNanos(SECOND)).isEqualTo(500.0 * MS);
        double kept = Math.exp(-1);
        assertThat(estimate.meanNanos()).isCloseTo(10 * MS * kept + 500 * MS * (1 - kept), within(1.0));
    }

    @Test
    void aSampleBelowThePeakPullsItDownByTheTimeSinceTheLastSample() {
        estimate.record(500 * MS, 0);
        estimate.record(10 * MS, 2 * SECOND);
        double kept = Math.exp(-2);
        assertThat(estimate.peakNanos(2 * SECOND)).isCloseTo(500 * MS * kept + 10 * MS * (1 - kept), within(1.0));
    }

    @Test
    void samplesCloseTogetherWeighLittle() {
        estimate.record(10 * MS, 0);
        estimate.record(1_000 * MS, SECOND / 1000);
        assertThat(estimate.meanNanos()).as("one slow answer a millisecond after a fast one")
                .isCloseTo(10 * MS + 990 * MS * (1 - Math.exp(-0.001)), within(1.0)).isLessThan(11.0 * MS);
    }

    @Test
    void thePeakDecaysTowardZeroWhileNoSampleComes() {
        estimate.record(500 * MS, 0);
        assertThat(estimate.peakNanos(SECOND)).isCloseTo(500 * MS * Math.exp(-1), within(1.0));
        assertThat(estimate.peakNanos(10 * SECOND)).isCloseTo(500 * MS * Math.exp(-10), within(1.0))
                .isLessThan(0.1 * MS);
        assertThat(estimate.meanNanos()).as("the mean stays as the last sample left it").isEqualTo(500.0 * MS);
    }

    @Test
    void aSampleOlderThanTheLastDoesNotMoveTheClockBack() {
        estimate.record(100 * MS, SECOND);
        estimate.record(100 * MS, SECOND / 2);
        assertThat(estimate.lastSampleNanos()).isEqualTo(SECOND);
        assertThat(estimate.peakNanos(SECOND)).isEqualTo(100.0 * MS);
    }
}
