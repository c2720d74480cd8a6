package io.frontdesk.redis;

import java.time.Duration;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

import io.frontdesk.config.InvalidConfigurationException;
import io.lettuce.core.RedisURI;

/**
 * Where Redis is, read from Spring Boot's standard {@code spring.data.redis.*} keys, so an
 * operator's existing settings (and Kubernetes secrets made for them) apply unchanged. Redis is
 * in use when {@code url}, {@code host} or {@code port} is set.
 */
public record RedisSettings(RedisURI uri, Duration timeout, Duration connectTimeout) {

    private static final String PREFIX = "spring.data.redis.";
    /** Frontdesk's default, where Lettuce's would be 60 s: a slow Redis must not hold requests. */
    private static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(250);

    public static boolean configured(Environment environment) {
        return environment.containsProperty(PREFIX + "url") || environment.containsProperty(PREFIX + "host")
                || environment.containsProperty(PREFIX + "port");
    }

    public static RedisSettings from(Environment environment) {
        Binder binder = Binder.get(environment);
        Duration timeout = binder.bind(PREFIX + "timeout", Duration.class).orElse(DEFAULT_TIMEOUT);
        Duration connectTimeout = binder.bind(PREFIX + "connect-timeout", Duration.class)
                .orElse(Duration.ofSeconds(2));
        if (timeout.isNegative() || timeout.isZero()) {
            throw new InvalidConfigurationException(PREFIX + "timeout", "must be more than 0, was " + timeout);
        }
        RedisURI uri = uri(environment);
        uri.setTimeout(timeout);
        uri.setClientName(environment.getProperty(PREFIX + "client-name", "frontdesk"));
        return new RedisSettings(uri, timeout, connectTimeout);
    }

    private static RedisURI uri(Environment environment) {
        String url = environment.getProperty(PREFIX + "url");
        if (url != null) {
            try {
                return RedisURI.create(url);
            } catch (IllegalArgumentException e) {
                throw new InvalidConfigurationException(PREFIX + "url",
                        "is not a redis:// or rediss:// URL: " + e.getMessage());
            }
        }
        RedisURI uri = RedisURI.create(environment.getProperty(PREFIX + "host", "localhost"),
                environment.getProperty(PREFIX + "port", Integer.class, RedisURI.DEFAULT_REDIS_PORT));
        uri.setDatabase(environment.getProperty(PREFIX + "database", Integer.class, 0));
        uri.setSsl(environment.getProperty(PREFIX + "ssl.enabled", Boolean.class, false));
        String username = environment.getProperty(PREFIX + "username");
        String password = environment.getProperty(PREFIX + "password");
        if (username != null) {
            uri.setUsername(username);
        }
        if (password != null) {
            uri.setPassword(password.toCharArray());
        }
        return uri;
    }
}
