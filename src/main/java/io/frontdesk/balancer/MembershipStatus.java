package io.frontdesk.balancer;

import java.time.Instant;

/**
 * Where a pool's members come from and how current they are.
 *
 * @param source {@code static} for configured backends, else the discovery type, such as {@code dns}
 * @param lastRefresh when the source last answered with members; {@code null} for static pools
 *        and before the first answer
 * @param stale whether the last lookup failed or found nobody, so the members are older answers
 */
public record MembershipStatus(String source, Instant lastRefresh, boolean stale) {
}
