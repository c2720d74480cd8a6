package io.frontdesk.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlMetricNamesTest {

    @Test
    void namesAreFoundAmongFunctionsAggregationsMatchersAndRanges() {
        assertThat(PromQlMetricNames.of("histogram_quantile(0.99, sum by (le, route) (rate("
                + "frontdesk_requests_seconds_bucket{job=\"$job\",route=~\"a|b\",le!=\"+Inf\"}[$__rate_interval])))"))
                .containsExactly("frontdesk_requests_seconds_bucket");
    }

    @Test
    void bothSidesOfBinaryOperatorsAndSetOperatorsCount() {
        assertThat(PromQlMetricNames.of("sum(rate(a_total{status=\"5xx\"}[5m])) / on (job) group_left (x) "
                + "sum without (instance) (rate(b_total[5m] offset 1h30m)) > 0.05 and c_seconds_count > bool 1e3"
                + " unless absent(d) or vector(0) * 86400"))
                .containsExactly("a_total", "b_total", "c_seconds_count", "d");
    }

    @Test
    void grafanaVariablesStringsAndKeywordsAreNotNames() {
        assertThat(PromQlMetricNames.of("topk(15, sum by (rule) (increase(m{a=\"}{\",b='x y'}[$__range])))"
                + " * ${factor} + $scale"))
                .containsExactly("m");
    }

    @Test
    void aMetricSelectedOnlyByItsNameCounts() {
        assertThat(PromQlMetricNames.of("max(jvm_gc_pause_seconds_max)")).containsExactly("jvm_gc_pause_seconds_max");
        assertThat(PromQlMetricNames.of("up")).containsExactly("up");
    }

    @Test
    void labelValuesReadsItsMetricNotItsLabel() {
        assertThat(PromQlMetricNames.ofVariableQuery("label_values(frontdesk_backend_up{job=\"$job\"}, pool)"))
                .containsExactly("frontdesk_backend_up");
        assertThat(PromQlMetricNames.ofVariableQuery("label_values(job)")).isEmpty();
        assertThat(PromQlMetricNames.ofVariableQuery("query_result(count by (pool) (frontdesk_pool_panic))"))
                .containsExactly("frontdesk_pool_panic");
    }
}
