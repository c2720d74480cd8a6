package io.frontdesk.edge;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * A request Frontdesk itself turns away (bad credentials, limits, bans, the WAF). Its detail is
 * written by Frontdesk, so it is safe to show to the client as the problem's detail; its refusal
 * names, in a word of a fixed set, which step turned it away, for the access log.
 */
public class RejectedRequest extends ResponseStatusException {

    private final String refusal;
    private final HttpHeaders headers;

    public RejectedRequest(HttpStatus status, String refusal, String detail) {
        this(status, refusal, detail, HttpHeaders.EMPTY);
    }

    public RejectedRequest(HttpStatus status, String refusal, String detail, HttpHeaders headers) {
        super(status, detail);
        this.refusal = refusal;
        this.headers = headers;
    }

    /** Which step turned the request away ({@code ban}, {@code rate_limit}, {@code waf}, a framing reason ...). */
    public String refusal() {
        return refusal;
    }

    @Override
    public HttpHeaders getHeaders() {
        return headers;
    }
}
