package io.frontdesk.edge;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLHandshakeException;

import org.springframework.cloud.gateway.support.ServiceUnavailableException;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.server.ResponseStatusException;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.netty.handler.timeout.ReadTimeoutException;
import reactor.netty.channel.AbortedException;
import reactor.netty.http.client.PrematureCloseException;

/** What went wrong on the way to a backend, and what the client is told about it. */
public final class Failures {

    /** The kinds of failure that decide retries and outlier detection. */
    public enum Kind {
        /**
         * The request never left: no connection was made, its TLS handshake failed, or it closed
         * before the request was written. The backend cannot have seen it, so any method may go elsewhere.
         */
        NEVER_SENT,
        /** The backend closed before the first response byte: it may have seen the request. */
        CLOSED_BEFORE_RESPONSE,
        /** The backend took longer than the response timeout. */
        TIMEOUT,
        /** The backend's response was not valid HTTP/1.1: it may have acted on the request. */
        PROTOCOL,
        /** Another I/O failure on the backend connection. */
        IO,
        /** Not a backend failure (a client error, a missing route, a bug). */
        OTHER
    }

    private Failures() {
    }

    public static Kind kindOf(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof BackendProtocolException) {
                return Kind.PROTOCOL;
            }
            if (cause instanceof ConnectException || cause instanceof NoRouteToHostException
                    || cause instanceof UnknownHostException || cause instanceof SSLHandshakeException) {
                return Kind.NEVER_SENT;
            }
            if (cause instanceof AbortedException) {
                return cause.getMessage() != null && cause.getMessage().contains("BEFORE send") ? Kind.NEVER_SENT
                        : Kind.IO;
            }
            if (cause instanceof PrematureCloseException) {
                return cause.getMessage() != null && cause.getMessage().contains("BEFORE response")
                        ? Kind.CLOSED_BEFORE_RESPONSE : Kind.IO;
            }
            if (cause instanceof TimeoutException || cause instanceof ReadTimeoutException) {
                return Kind.TIMEOUT;
            }
            if (cause instanceof ResponseStatusException) {
                if (((ResponseStatusException) cause).getStatusCode().value() == 504) {
                    return Kind.TIMEOUT;
                }
                continue;
            }
            if (cause instanceof IOException) {
                return Kind.IO;
            }
        }
        return Kind.OTHER;
    }

    /** The status the client gets for this failure: 502/503/504 for backend trouble, never 500 for it. */
    public static int statusOf(Throwable error) {
        if (error instanceof ResponseStatusException statusError) {
            return statusError.getStatusCode().value();
        }
        if (error instanceof HttpStatusCodeException statusError) {
            return statusError.getStatusCode().value();
        }
        if (circuitOpen(error)) {
            return HttpStatus.SERVICE_UNAVAILABLE.value();
        }
        return switch (kindOf(error)) {
            case NEVER_SENT, CLOSED_BEFORE_RESPONSE, PROTOCOL, IO -> HttpStatus.BAD_GATEWAY.value();
            case TIMEOUT -> HttpStatus.GATEWAY_TIMEOUT.value();
            case OTHER -> HttpStatus.INTERNAL_SERVER_ERROR.value();
        };
    }

    /** The circuit breaker refused the call (the framework turns Resilience4j's refusal into its own exception). */
    private static boolean circuitOpen(Throwable error) {
        return error instanceof CallNotPermittedException || error instanceof ServiceUnavailableException;
    }

    /** One sentence for the problem body; never the exception's own text, which may name internals. */
    public static String detailOf(Throwable error) {
        int status = statusOf(error);
        if (error instanceof RejectedRequest rejected) {
            return rejected.getReason();
        }
        if (circuitOpen(error)) {
            return "The route's circuit breaker is open; the backend is given time to recover.";
        }
        if (error instanceof HttpStatusCodeException) {
            return "The backend answered " + status + ", which the route's circuit breaker counts as a failure.";
        }
        return switch (kindOf(error)) {
            case NEVER_SENT -> "The backend could not be reached.";
            case CLOSED_BEFORE_RESPONSE -> "The backend closed the connection before it answered.";
            case PROTOCOL -> "The backend's response was not valid HTTP.";
            case IO -> "The connection to the backend failed.";
            case TIMEOUT -> "The backend did not answer in time.";
            case OTHER -> switch (status) {
                case 404 -> "No route matches this request.";
                case 503 -> "No backend is available to serve the request.";
                case 500 -> "The gateway failed to handle the request.";
                default -> HttpStatus.resolve(status) != null ? HttpStatus.resolve(status).getReasonPhrase() + "."
                        : "The request failed.";
            };
        };
    }
}
