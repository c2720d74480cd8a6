package io.frontdesk.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The shield against floods: rate limits that routes name with the {@code RateLimit} filter,
 * and the bounds every request and connection is held to.
 *
 * @param limits rate limits by name
 * @param request bounds on each request's head and body
 * @param connections bounds on client connections
 * @param cluster how limits with {@code scope: cluster} share their budget through Redis
 * @param bans banning clients that keep getting refused
 * @param allow addresses and CIDR blocks never banned nor rate limited
 * @param deny addresses and CIDR blocks always refused
 */
public record ShieldProperties(
        Map<String, LimitProperties> limits,
        @DefaultValue ClusterProperties cluster,
        @DefaultValue BanProperties bans,
        @DefaultValue List<String> allow,
        @DefaultValue List<String> deny,
        @DefaultValue RequestProperties request,
        @DefaultValue ConnectionProperties connections) {

    public ShieldProperties {
        limits = limits == null ? Map.of() : Map.copyOf(limits);
    }

    /**
     * One rate limit, a token bucket (GCRA): {@code rate} tokens come back per period, at most
     * {@code burst} are saved up.
     *
     * @param rate requests per period: {@code 20/s}, {@code 600/m}, {@code 10000/h}, {@code 5/10s}
     * @param burst how many requests may come at once; 0 means the rate's count
     * @param key what one bucket belongs to: any of {@code client}, {@code route},
     *        {@code header:NAME}; several together make one bucket per combination
     * @param scope {@code local}: each replica enforces the limit alone; {@code cluster}: all
     *        replicas share one budget in Redis
     */
    public record LimitProperties(
            String rate,
            @DefaultValue("0") int burst,
            @DefaultValue("client") List<String> key,
            @DefaultValue("local") Scope scope) {
    }

    /** Where a limit's budget is kept. */
    public enum Scope {
        /** Each replica enforces the limit alone. */
        LOCAL,
        /** All replicas share one budget in Redis. */
        CLUSTER
    }

    /**
     * @param replicas how many replicas share cluster budgets: while Redis cannot answer, each
     *        enforces its share (the budget divided by this) on its own
     * @param onRedisFailure {@code local} (the share above) or {@code open} (no limit) while
     *        Redis cannot answer
     * @param redisKeyPrefix the prefix of the shield's Redis keys and channels (buckets, bans)
     */
    public record ClusterProperties(
            @DefaultValue("1") int replicas,
            @DefaultValue("local") OnRedisFailure onRedisFailure,
            @DefaultValue("frontdesk:shield:") String redisKeyPrefix) {
    }

    /** What a cluster limit does while Redis cannot answer. */
    public enum OnRedisFailure {
        /** Each replica enforces its share of the budget. */
        LOCAL,
        /** No limit. */
        OPEN
    }

    /**
     * @param maxLineLength the longest request line (method, target, version); longer gets 414
     * @param maxHeaderSize the most bytes of header fields; more gets 431
     * @param maxHeaders the most header fields; more gets 431
     * @param maxBodySize the largest request body, unless the route's {@code max-body-size}
     *        metadata says otherwise; larger gets 413, declared or streamed
     * @param headTimeout how long a request head may take to arrive whole, from its first byte
     *        (slowloris)
     * @param bodyTimeout the longest wait between two reads of a request body (slow POST)
     */
    public record RequestProperties(
            @DefaultValue("8KB") DataSize maxLineLength,
            @DefaultValue("16KB") DataSize maxHeaderSize,
            @DefaultValue("100") int maxHeaders,
            @DefaultValue("10MB") DataSize maxBodySize,
            @DefaultValue("10s") Duration headTimeout,
            @DefaultValue("30s") Duration bodyTimeout) {
    }

    /**
     * @param idleTimeout how long a keep-alive connection may wait for its next request
     * @param maxPerClient the most connections one client address may hold open; 0 for no bound;
     *        unset, 256 (none with PROXY protocol, where the TCP peer is the load balancer)
     * @param maxTotal the most client connections in all; 0 for no bound; unset, derived from the
     *        process's file-descriptor limit at start-up (docs/shield.md gives the formula)
     * @param pressureIdleTimeout how long a keep-alive connection may stay idle while the client
     *        connections are above 80% of {@code maxTotal}
     * @param managementReserve file descriptors kept for the management port, and the most
     *        connections it holds open
     * @param proxyProtocol {@code off}, {@code on} (every connection starts with a PROXY protocol
     *        v1 or v2 header, from an L4 load balancer) or {@code optional}
     */
    public record ConnectionProperties(
            @DefaultValue("60s") Duration idleTimeout,
            Integer maxPerClient,
            Integer maxTotal,
            @DefaultValue("5s") Duration pressureIdleTimeout,
            @DefaultValue("64") int managementReserve,
            @DefaultValue("off") ProxyProtocol proxyProtocol) {
    }

    /** Whether client connections start with a PROXY protocol header. */
    public enum ProxyProtocol {
        OFF,
        /** Every connection does. */
        ON,
        /** Each connection may. */
        OPTIONAL
    }

    /**
     * @param enabled whether clients are banned for repeated offences
     * @param after offences (rate limit refusals, WAF blocks) within {@code within} that earn a ban
     * @param within the window offences are counted in
     * @param duration the first ban; each further ban of the same client lasts twice the one before
     * @param maxDuration the longest ban
     * @param forgetAfter how long a client's ban history is kept after its last offence
     * @param response {@code forbid} (403) or {@code close} (the connection is closed unanswered)
     */
    public record BanProperties(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("50") int after,
            @DefaultValue("1m") Duration within,
            @DefaultValue("1m") Duration duration,
            @DefaultValue("24h") Duration maxDuration,
            @DefaultValue("24h") Duration forgetAfter,
            @DefaultValue("forbid") BanResponse response) {
    }

    /** What a banned client gets. */
    public enum BanResponse {
        /** 403 with the ban's end. */
        FORBID,
        /** Its connection is closed unanswered. */
        CLOSE
    }
}
