package io.frontdesk.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import reactor.core.publisher.Flux;

/**
 * A Lua script run by its SHA-1 (EVALSHA), so Redis neither receives nor hashes its text on each
 * call; the first call on a server that does not know it yet (a restart, a failover) sends the
 * text once (EVAL), which also caches it there.
 */
public final class RedisScript {

    private final String text;
    private final String digest;

    public RedisScript(String text) {
        this.text = text;
        this.digest = sha1(text);
    }

    public <T> Flux<T> run(RedisReactiveCommands<String, byte[]> commands, ScriptOutputType type, String[] keys,
            byte[]... arguments) {
        return commands.<T>evalsha(digest, type, keys, arguments).onErrorResume(RedisNoScriptException.class,
                notLoaded -> commands.eval(text, type, keys, arguments));
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
    }
}
