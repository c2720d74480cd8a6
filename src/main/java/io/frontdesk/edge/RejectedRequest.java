package io.frontdesk.edge;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * A request Frontdesk itself turns away (bad credentials, limits, bans). Its reason is written
 * by Frontdesk, so it is safe to show to the client as the problem's detail.
 */
public class RejectedRequest extends ResponseStatusException {

    private final HttpHeaders headers;

    public RejectedRequest(HttpStatus status, String detail) {
        this(status, detail, HttpHeaders.EMPTY);
    }

    public RejectedRequest(HttpStatus status, String detail, HttpHeaders headers) {
        super(status, detail);
        this.headers = headers;
    }

    @Override
    public HttpHeaders getHeaders() {
        return headers;
    }
}
