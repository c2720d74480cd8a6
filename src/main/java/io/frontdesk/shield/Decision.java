package io.frontdesk.shield;

/**
 * A rate limit's answer for one request.
 *
 * @param allowed whether the request may pass
 * @param remaining requests that could still pass at once after this one
 * @param resetNanos time until the bucket is full again
 * @param retryAfterNanos for a refusal, the time until a request would pass
 */
record Decision(boolean allowed, long remaining, long resetNanos, long retryAfterNanos) {
}
