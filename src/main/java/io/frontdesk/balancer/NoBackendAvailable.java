package io.frontdesk.balancer;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** No backend of the pool can take the request now: 503. */
final class NoBackendAvailable extends ResponseStatusException {

    NoBackendAvailable(String pool) {
        super(HttpStatus.SERVICE_UNAVAILABLE, "No backend of pool " + pool + " is available");
    }
}
