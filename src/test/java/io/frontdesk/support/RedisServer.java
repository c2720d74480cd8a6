package io.frontdesk.support;

/** One way to run redis-server on a fixed loopback port, where it can be stopped and started again. */
interface RedisServer extends AutoCloseable {

    /** Starts the server, or starts it again after {@link #stop()}; it may not answer yet. */
    void start();

    /** Stops the server; clients see their connections closed. */
    void stop();

    /** Stops the server for good and frees what it holds. */
    @Override
    void close();
}
