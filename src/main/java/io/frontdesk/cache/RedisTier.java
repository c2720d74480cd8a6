package io.frontdesk.cache;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.frontdesk.redis.RedisAvailability;
import io.frontdesk.redis.RedisLink;
import io.frontdesk.redis.RedisScript;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanStream;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The shared tier in Redis. Each entry is a string key ({@code PREFIX e: cache-key}) expiring on
 * its own; each index tag (the URL, the response's tags) is a set of entry keys, kept at least as
 * long as its longest-lived member, so a URL or a tag is purged without scanning. A prefix or
 * everything is purged with SCAN. Purges reach the other replicas' memory tiers on a pub/sub
 * channel; a replica whose subscription was interrupted empties its memory tier, since it may
 * have missed some.
 */
final class RedisTier implements SharedTier, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisTier.class);

    /** Stores an entry and adds it to its index sets, extending theirs lives to cover it: one round trip. */
    private static final RedisScript PUT = new RedisScript("""
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            local keep = tonumber(ARGV[2])
            for i = 2, #KEYS do
              redis.call('SADD', KEYS[i], KEYS[1])
              if redis.call('PTTL', KEYS[i]) < keep then
                redis.call('PEXPIRE', KEYS[i], keep)
              end
            end
            return 1
            """);

    /** Removes the members of an index set, and the set; how many entries were there. */
    private static final RedisScript PURGE_INDEX = new RedisScript("""
            local removed = 0
            for _, key in ipairs(redis.call('SMEMBERS', KEYS[1])) do
              removed = removed + redis.call('UNLINK', key)
            end
            redis.call('UNLINK', KEYS[1])
            return removed
            """);

    private final RedisLink link;
    private final String prefix;
    private final String channel;
    private final String sender = UUID.randomUUID().toString();
    private final CacheMetrics metrics;
    private final RedisAvailability state;
    private final AtomicLong usedMemory = new AtomicLong();
    private final Disposable memoryReport;

    RedisTier(RedisLink link, String prefix, CacheMetrics metrics, LongSupplier clock, Consumer<Purge> local) {
        this.link = link;
        this.prefix = prefix;
        this.channel = prefix + "purge";
        this.metrics = metrics;
        this.state = new RedisAvailability(clock);
        link.subscribe(channel, message -> received(message, local));
        link.onSubscriptionsRenewed(() -> local.accept(Purge.all()));
        this.memoryReport = Flux.interval(Duration.ZERO, Duration.ofSeconds(10))
                .concatMap(tick -> readUsedMemory().onErrorResume(error -> Mono.empty()))
                .subscribe(usedMemory::set);
    }

    private void received(String message, Consumer<Purge> local) {
        int space = message.indexOf(' ');
        if (space < 0 || message.startsWith(sender + ' ')) {
            return;
        }
        try {
            local.accept(Purge.decode(message.substring(space + 1)));
        } catch (IllegalArgumentException e) {
            log.warn("Ignored a purge message this version does not understand: {}", message);
        }
    }

    @Override
    public Mono<Entry> get(String key) {
        RedisReactiveCommands<String, byte[]> commands = usable("get");
        if (commands == null) {
            return Mono.empty();
        }
        return commands.get(entryKey(key))
                .doOnSuccess(found -> state.succeeded())
                .mapNotNull(StoredCodec::decode)
                .onErrorResume(error -> failed("get", error));
    }

    @Override
    public void put(String key, Stored value, long keepMillis, Set<String> tags) {
        RedisReactiveCommands<String, byte[]> commands = usable("put");
        if (commands == null) {
            return;
        }
        String[] keys = new String[tags.size() + 1];
        keys[0] = entryKey(key);
        int i = 1;
        for (String tag : tags) {
            keys[i++] = indexKey(tag);
        }
        byte[] bytes = StoredCodec.encode(value, System.currentTimeMillis() + keepMillis);
        PUT.<Long>run(commands, ScriptOutputType.INTEGER, keys, bytes, ascii(keepMillis)).then()
                .subscribe(null, error -> failed("put", error), state::succeeded);
    }

    @Override
    public Mono<Long> purge(Purge purge) {
        RedisReactiveCommands<String, byte[]> commands = link.commands();
        if (commands == null) {
            return Mono.error(new IllegalStateException("not connected to Redis at " + link.where()));
        }
        Mono<Long> removed = switch (purge.kind()) {
            case URL -> purgeIndex(commands, Purge.urlTag(purge.value()));
            case TAG -> purgeIndex(commands, Purge.responseTag(purge.value()));
            case PREFIX -> unlinkMatching(commands, prefix + "e:" + globEscaped(purge.value()) + "*");
            case ALL -> unlinkMatching(commands, globEscaped(prefix) + "*");
        };
        return removed.flatMap(count -> link.publish(channel, sender + ' ' + purge.encode()).thenReturn(count))
                .doOnError(error -> failed("purge", error));
    }

    private Mono<Long> purgeIndex(RedisReactiveCommands<String, byte[]> commands, String tag) {
        return PURGE_INDEX.<Long>run(commands, ScriptOutputType.INTEGER, new String[] {indexKey(tag)}).next()
                .defaultIfEmpty(0L);
    }

    private Mono<Long> unlinkMatching(RedisReactiveCommands<String, byte[]> commands, String pattern) {
        return ScanStream.scan(commands, ScanArgs.Builder.matches(pattern).limit(1000)).buffer(1000)
                .concatMap(keys -> commands.unlink(keys.toArray(String[]::new)))
                .reduce(0L, Long::sum);
    }

    /** The commands, unless Redis is known to be unavailable now: then the skipped operation counts as failed. */
    private RedisReactiveCommands<String, byte[]> usable(String operation) {
        RedisReactiveCommands<String, byte[]> commands = link.commands();
        if (commands != null && link.connected() && state.worthTrying()) {
            return commands;
        }
        metrics.redisError(operation);
        return null;
    }

    private <T> Mono<T> failed(String operation, Throwable error) {
        state.failed(operation, error);
        metrics.redisError(operation);
        log.debug("Redis cache tier: {} failed: {}", operation, error.toString());
        return Mono.empty();
    }

    /** Whether the tier is not doing its job now: not connected, or its last operation failed. */
    boolean degraded() {
        return !link.connected() || state.failing();
    }

    /** Asks Redis whether it answers; a good answer clears an earlier failure. */
    Mono<Boolean> probe() {
        RedisReactiveCommands<String, byte[]> commands = link.commands();
        if (commands == null || !link.connected()) {
            return Mono.just(false);
        }
        return commands.ping().map(pong -> {
            state.succeeded();
            return true;
        }).onErrorResume(error -> {
            state.failed("ping", error);
            return Mono.just(false);
        });
    }

    String problem() {
        if (!link.connected()) {
            return "not connected to Redis at " + link.where();
        }
        return state.failing() ? state.lastError() : null;
    }

    String where() {
        return link.where();
    }

    /** Memory the Redis server reports in use, as of its last report (every 10 s). */
    long usedMemory() {
        return usedMemory.get();
    }

    private Mono<Long> readUsedMemory() {
        RedisReactiveCommands<String, byte[]> commands = link.commands();
        if (commands == null || !link.connected()) {
            return Mono.empty();
        }
        return commands.info("memory").mapNotNull(info -> info.lines()
                .filter(line -> line.startsWith("used_memory:"))
                .map(line -> Long.parseLong(line.substring("used_memory:".length()).trim()))
                .findFirst().orElse(null));
    }

    private String entryKey(String key) {
        return prefix + "e:" + key;
    }

    private String indexKey(String tag) {
        return prefix + "i:" + tag;
    }

    private static byte[] ascii(long value) {
        return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
    }

    /** A literal for SCAN's MATCH: its glob characters escaped. */
    private static String globEscaped(String literal) {
        return literal.replaceAll("([*?\\[\\]\\\\])", "\\\\$1");
    }

    @Override
    public void close() {
        memoryReport.dispose();
    }
}
