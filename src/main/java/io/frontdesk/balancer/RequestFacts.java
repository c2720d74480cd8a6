package io.frontdesk.balancer;

/** What the balancer may read of a request to choose a backend. */
public interface RequestFacts {

    /** The client's address as the edge resolved it, or {@code null}. */
    String clientAddress();

    /** The first value of a request header, or {@code null}. */
    String header(String name);

    /** The value of a request cookie, or {@code null}. */
    String cookie(String name);
}
