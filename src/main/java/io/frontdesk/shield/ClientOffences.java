package io.frontdesk.shield;

/**
 * Where parts of the gateway report a client's offences (a rate limit refusal, a WAF block);
 * enough of them within a window get the client banned.
 */
public interface ClientOffences {

    /**
     * @param client the client's address, as {@code EdgeAttributes.CLIENT_ADDRESS} holds it
     * @param cause a short word for metrics and for the access log lines of the ban it earns:
     *        {@code rate_limit}, {@code waf}
     * @param detail what happened, for the ban's reason
     */
    void offence(String client, String cause, String detail);
}
