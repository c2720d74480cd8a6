package io.frontdesk.cache;

import java.util.function.LongSupplier;

/**
 * Whether the shared tier answers. After a failure, requests skip it for a second, then one tries
 * again: a Redis that hangs costs one timeout a second, not one per request.
 */
final class SharedTierState {

    private static final long RETRY_AFTER_MILLIS = 1000;

    private final LongSupplier clock;
    private volatile long failedAt;
    private volatile String lastError;

    SharedTierState(LongSupplier clock) {
        this.clock = clock;
    }

    boolean worthTrying() {
        long failed = failedAt;
        if (failed == 0) {
            return true;
        }
        long now = clock.getAsLong();
        if (now - failed < RETRY_AFTER_MILLIS) {
            return false;
        }
        failedAt = now;
        return true;
    }

    void succeeded() {
        if (failedAt != 0) {
            failedAt = 0;
        }
    }

    void failed(String operation, Throwable error) {
        failedAt = Math.max(1, clock.getAsLong());
        lastError = operation + ": " + error.getMessage();
    }

    /** The last operation failed. */
    boolean failing() {
        return failedAt != 0;
    }

    String lastError() {
        return lastError;
    }
}
