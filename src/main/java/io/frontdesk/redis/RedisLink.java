package io.frontdesk.redis;

import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * The gateway's connections to Redis: one for commands (string keys, byte values) and one for
 * pub/sub. Never in a client's way: while Redis cannot be reached, commands fail at once rather
 * than queue, and a start without Redis keeps trying in the background. Once connected, Lettuce
 * reconnects by itself and renews the subscriptions; whoever needs to know that messages may
 * have been missed meanwhile registers with {@link #onSubscriptionsRenewed}.
 */
public final class RedisLink implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisLink.class);
    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    private final ClientResources resources;
    private final RedisClient client;
    private final RedisSettings settings;
    private final Map<String, Consumer<String>> channels = new ConcurrentHashMap<>();
    private final List<Runnable> renewalListeners = new CopyOnWriteArrayList<>();
    private final Disposable.Composite connecting = Disposables.composite();
    private volatile StatefulRedisConnection<String, byte[]> commands;
    private volatile StatefulRedisPubSubConnection<String, String> pubSub;

    public RedisLink(RedisSettings settings) {
        this.settings = settings;
        this.resources = DefaultClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(5), 2, TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources, settings.uri());
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .publishOnScheduler(true)
                .socketOptions(SocketOptions.builder().connectTimeout(settings.connectTimeout()).build())
                .timeoutOptions(TimeoutOptions.enabled(settings.timeout()))
                .build());
        client.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
                if (connection == pubSub) {
                    renewalListeners.forEach(Runnable::run);
                }
            }
        });
        connecting.add(connectInBackground(() -> client.connectAsync(CODEC, settings.uri()), connection -> {
            commands = connection;
            log.info("Connected to Redis at {}", where());
        }));
        connecting.add(connectInBackground(() -> client.connectPubSubAsync(StringCodec.UTF8, settings.uri()),
                this::subscribed));
    }

    private <C> Disposable connectInBackground(java.util.function.Supplier<java.util.concurrent.CompletionStage<C>> connect,
            Consumer<C> connected) {
        return Mono.defer(() -> Mono.fromCompletionStage(connect.get()))
                .doOnError(error -> log.debug("Redis at {} not reachable yet: {}", where(), error.toString()))
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200)).maxBackoff(Duration.ofSeconds(5))
                        .doBeforeRetry(signal -> {
                            if (signal.totalRetries() == 0) {
                                log.warn("Redis at {} is not reachable; retrying in the background: {}", where(),
                                        signal.failure().toString());
                            }
                        }))
                .subscribe(connected);
    }

    private void subscribed(StatefulRedisPubSubConnection<String, String> connection) {
        connection.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                Consumer<String> listener = channels.get(channel);
                if (listener != null) {
                    listener.accept(message);
                }
            }
        });
        pubSub = connection;
        if (!channels.isEmpty()) {
            connection.async().subscribe(channels.keySet().toArray(String[]::new));
        }
        renewalListeners.forEach(Runnable::run);
    }

    /** Commands, or {@code null} until the first connection is made. */
    public RedisReactiveCommands<String, byte[]> commands() {
        StatefulRedisConnection<String, byte[]> connection = commands;
        return connection == null ? null : connection.reactive();
    }

    /** Whether commands can be sent now. */
    public boolean connected() {
        StatefulRedisConnection<String, byte[]> connection = commands;
        return connection != null && connection.isOpen();
    }

    /** Delivers the messages of a channel, from now on and after every reconnection. */
    public void subscribe(String channel, Consumer<String> listener) {
        channels.put(channel, listener);
        StatefulRedisPubSubConnection<String, String> connection = pubSub;
        if (connection != null) {
            connection.async().subscribe(channel);
        }
    }

    /**
     * Runs when the pub/sub connection is made or made again: messages sent while it was down
     * are lost, and this is the moment to make up for them.
     */
    public void onSubscriptionsRenewed(Runnable listener) {
        renewalListeners.add(listener);
    }

    /** Publishes a message; the number of subscribers that received it. */
    public Mono<Long> publish(String channel, String message) {
        StatefulRedisConnection<String, byte[]> connection = commands;
        if (connection == null) {
            return Mono.error(new IllegalStateException("not connected to Redis at " + where()));
        }
        return connection.reactive().publish(channel, message.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public String where() {
        return settings.uri().getHost() + ":" + settings.uri().getPort();
    }

    @Override
    public void close() {
        connecting.dispose();
        StatefulRedisConnection<String, byte[]> connection = commands;
        if (connection != null) {
            connection.close();
        }
        StatefulRedisPubSubConnection<String, String> subscriptions = pubSub;
        if (subscriptions != null) {
            subscriptions.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
