package io.frontdesk.balancer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Envoy's retry budget: a share of the requests in progress, never less than its floor. */
class RetryBudgetTest {

    @Test
    void aQuietPoolMayAlwaysRunTheMinimumOfRetriesAtOnce() {
        RetryBudget budget = new RetryBudget(20, 3);
        for (int i = 0; i < 3; i++) {
            assertThat(budget.tryAcquire(1)).as("retry %d", i + 1).isTrue();
        }
        assertThat(budget.tryAcquire(1)).as("a fourth at once").isFalse();

        budget.release();
        assertThat(budget.tryAcquire(1)).as("once one has finished").isTrue();
    }

    @Test
    void aBusyPoolMayRunItsShareOfTheRequestsInProgress() {
        RetryBudget budget = new RetryBudget(20, 3);
        for (int i = 0; i < 20; i++) {
            assertThat(budget.tryAcquire(100)).as("retry %d of 100 requests", i + 1).isTrue();
        }
        assertThat(budget.tryAcquire(100)).isFalse();
    }
}
