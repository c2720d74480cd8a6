package io.frontdesk.support;

import java.util.List;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggerConfiguration;
import org.springframework.boot.logging.LoggingSystem;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Redis in a Docker container through Testcontainers: the version Debian's redis-server package
 * has, with persistence off like the process. Its port is bound to a fixed loopback port, and a
 * stop stops the container without removing it, so a start brings Redis back at the same address,
 * as clients of a restarted Redis server expect.
 */
final class RedisContainer implements RedisServer {

    private static final DockerImageName IMAGE = DockerImageName.parse("redis:7.0.15-alpine");
    private static final String TESTCONTAINERS_LOGGER = "org.testcontainers";

    private final GenericContainer<?> container = new GenericContainer<>(IMAGE)
            .withCommand("redis-server", "--save", "", "--appendonly", "no", "--loglevel", "warning");

    RedisContainer(int port) {
        container.setPortBindings(List.of("127.0.0.1:" + port + ":6379"));
    }

    /**
     * Whether a Docker engine answers. Testcontainers' own report of every place it looked for one
     * is kept out of the log: without Docker, redis-server on the PATH serves instead.
     */
    static boolean dockerAnswers() {
        LoggingSystem logging = LoggingSystem.get(RedisContainer.class.getClassLoader());
        LoggerConfiguration before = logging.getLoggerConfiguration(TESTCONTAINERS_LOGGER);
        LogLevel configured = before == null ? null : before.getConfiguredLevel();
        logging.setLogLevel(TESTCONTAINERS_LOGGER, LogLevel.OFF);
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } finally {
            logging.setLogLevel(TESTCONTAINERS_LOGGER, configured);
        }
    }

    @Override
    public void start() {
        if (container.getContainerId() == null) {
            container.start();
        } else {
            container.getDockerClient().startContainerCmd(container.getContainerId()).exec();
        }
    }

    @Override
    public void stop() {
        container.getDockerClient().stopContainerCmd(container.getContainerId()).exec();
    }

    @Override
    public void close() {
        container.stop();
    }
}
