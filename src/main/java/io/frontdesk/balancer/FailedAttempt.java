package io.frontdesk.balancer;

import java.nio.channels.ClosedChannelException;
import java.util.Set;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

import io.frontdesk.edge.Failures;
import reactor.netty.channel.AbortedException;
import reactor.netty.http.client.PrematureCloseException;

/**
 * What a failed attempt to send a request to a backend proves, and whether the request may
 * therefore go to another backend. Only a request that provably never left may be sent again
 * whatever its method; one that may have reached the backend only when repeating it is harmless.
 */
final class FailedAttempt {

    private static final Set<HttpMethod> IDEMPOTENT = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
            HttpMethod.TRACE, HttpMethod.PUT, HttpMethod.DELETE);

    private FailedAttempt() {
    }

    /**
     * The failure's kind with what the exchange adds to the exception. A reset before any
     * response header is a close before the response, whatever its exception. A request without
     * a body whose one write failed because the connection had closed never left, though Reactor
     * Netty reports it as a close before the response, caused by the aborted write: a backend
     * cannot act on a request head it has not wholly received.
     */
    static Failures.Kind kindOf(Throwable error, boolean answered, boolean hasBody) {
        Failures.Kind kind = Failures.kindOf(error);
        if (kind == Failures.Kind.IO && !answered) {
            return Failures.Kind.CLOSED_BEFORE_RESPONSE;
        }
        if (kind == Failures.Kind.CLOSED_BEFORE_RESPONSE && !hasBody && writeAbortedByClose(error)) {
            return Failures.Kind.NEVER_SENT;
        }
        return kind;
    }

    /**
     * Whether the request may go to another backend: always when it never left; when it may have
     * arrived, only if it is idempotent and has no body (a body already sent cannot be sent again:
     * it was streamed, not kept).
     */
    static boolean safeToRepeat(Failures.Kind kind, HttpMethod method, boolean hasBody) {
        return switch (kind) {
            case NEVER_SENT -> true;
            case CLOSED_BEFORE_RESPONSE -> IDEMPOTENT.contains(method) && !hasBody;
            default -> false;
        };
    }

    /** Whether the request announces a body. */
    static boolean hasBody(HttpHeaders headers) {
        return headers.getContentLength() > 0 || headers.containsHeader(HttpHeaders.TRANSFER_ENCODING);
    }

    private static boolean writeAbortedByClose(Throwable error) {
        return error instanceof PrematureCloseException && error.getCause() instanceof AbortedException aborted
                && aborted.getCause() instanceof ClosedChannelException;
    }
}
