package io.frontdesk.edge;

import java.io.IOException;

/**
 * A backend's response broke HTTP/1.1 (an invalid status line or header section, a bad chunk):
 * the backend may have acted on the request, and its connection cannot be trusted any more.
 */
public final class BackendProtocolException extends IOException {

    public BackendProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
