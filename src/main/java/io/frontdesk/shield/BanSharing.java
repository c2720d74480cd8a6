package io.frontdesk.shield;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.frontdesk.redis.RedisLink;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanStream;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import reactor.core.publisher.Mono;

/**
 * Shares bans between replicas through Redis: each ban is a key that expires with it (so a
 * replica that starts, or comes back after losing Redis, loads those in force) and a message on
 * a channel (so the others apply it at once). Lifting a ban deletes its key and says so too.
 */
final class BanSharing {

    private static final Logger log = LoggerFactory.getLogger(BanSharing.class);

    private final RedisLink redis;
    private final BanList bans;
    private final String keyPrefix;
    private final String channel;
    private final String sender = UUID.randomUUID().toString();

    BanSharing(RedisLink redis, BanList bans, String prefix) {
        this.redis = redis;
        this.bans = bans;
        this.keyPrefix = prefix + "ban:";
        this.channel = prefix + "bans";
        bans.onBan(this::share);
        bans.onLift(this::shareLift);
        redis.subscribe(channel, this::received);
        redis.onSubscriptionsRenewed(this::load);
    }

    private void share(Ban ban) {
        RedisReactiveCommands<String, byte[]> commands = redis.commands();
        if (commands == null) {
            return;
        }
        long remaining = ban.until() - System.currentTimeMillis();
        if (remaining <= 0) {
            return;
        }
        commands.set(keyPrefix + ban.client(), bytes(ban.encode()), SetArgs.Builder.px(remaining))
                .then(redis.publish(channel, sender + " ban " + ban.encode()))
                .subscribe(null, error -> log.warn("A ban of {} could not be shared: {}", ban.client(), error.toString()));
    }

    private void shareLift(String client) {
        RedisReactiveCommands<String, byte[]> commands = redis.commands();
        if (commands == null) {
            return;
        }
        commands.del(keyPrefix + client).then(redis.publish(channel, sender + " lift " + client))
                .subscribe(null, error -> log.warn("Lifting the ban of {} could not be shared: {}", client,
                        error.toString()));
    }

    private void received(String message) {
        String[] parts = message.split(" ", 3);
        if (parts.length < 3 || parts[0].equals(sender)) {
            return;
        }
        try {
            if (parts[1].equals("ban")) {
                bans.apply(Ban.decode(parts[2]));
            } else if (parts[1].equals("lift")) {
                bans.liftQuietly(parts[2]);
            }
        } catch (IllegalArgumentException e) {
            log.warn("Ignored a ban message this version does not understand: {}", message);
        }
    }

    /** Applies every ban in force in Redis: at start, and whenever messages may have been missed. */
    private void load() {
        RedisReactiveCommands<String, byte[]> commands = redis.commands();
        if (commands == null) {
            return;
        }
        ScanStream.scan(commands, ScanArgs.Builder.matches(keyPrefix + "*").limit(1000))
                .flatMap(key -> commands.get(key), 16)
                .map(value -> Ban.decode(new String(value, StandardCharsets.UTF_8)))
                .filter(ban -> ban.until() > System.currentTimeMillis())
                .doOnNext(bans::apply)
                .then()
                .onErrorResume(error -> {
                    log.warn("Bans could not be loaded from Redis: {}", error.toString());
                    return Mono.empty();
                })
                .subscribe();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
