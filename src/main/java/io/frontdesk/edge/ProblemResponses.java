package io.frontdesk.edge;

import java.nio.charset.StandardCharsets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

import io.frontdesk.support.Json;
import reactor.core.publisher.Mono;

/** Writes failures as RFC 9457 problem details ({@code application/problem+json}) carrying the request id. */
public final class ProblemResponses {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);
    static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

    /** Answers the exchange with a problem for {@code error}; fails with it when the response is already under way. */
    public Mono<Void> write(ServerWebExchange exchange, Throwable error) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(error);
        }
        int status = Failures.statusOf(error);
        String requestId = exchange.getAttribute(EdgeAttributes.REQUEST_ID);
        logFailure(exchange, error, status, requestId);

        response.setStatusCode(HttpStatusCode.valueOf(status));
        HttpHeaders headers = response.getHeaders();
        headers.remove(HttpHeaders.CONTENT_LENGTH);
        headers.remove(HttpHeaders.TRANSFER_ENCODING);
        if (error instanceof ResponseStatusException statusError) {
            statusError.getHeaders().forEach(headers::put);
        }
        if (error instanceof RejectedRequest rejected) {
            exchange.getAttributes().put(EdgeAttributes.REFUSAL, rejected.refusal());
        }
        if (endsConnection(status)) {
            headers.setConnection("close");
        }
        headers.setContentType(PROBLEM_JSON);
        headers.setCacheControl("no-store");
        byte[] body = body(status, Failures.detailOf(error), exchange.getRequest().getPath().value(), requestId)
                .getBytes(StandardCharsets.UTF_8);
        // Declared, so that the connection stays open for the client's next request.
        headers.setContentLength(body.length);
        DataBuffer buffer = response.bufferFactory().wrap(body);
        return response.writeWith(Mono.just(buffer));
    }

    /**
     * Whether the connection closes after a problem with this status, as nginx closes it: after a
     * head it could not read or would not take (400, 413, 414, 431) and after its own failures
     * (500, 501), where what else the connection carries cannot be trusted. Other refusals (403,
     * 404, 405, 429) and the backend's failures (502, 503, 504) keep it for the next request.
     */
    static boolean endsConnection(int status) {
        return switch (status) {
            case 400, 413, 414, 431, 500, 501 -> true;
            default -> false;
        };
    }

    static String body(int status, String detail, String instance, String requestId) {
        HttpStatus known = HttpStatus.resolve(status);
        StringBuilder json = new StringBuilder(256).append('{');
        Json.field(json, "type", "about:blank");
        Json.field(json, "title", known == null ? "Error" : known.getReasonPhrase());
        Json.field(json, "status", status);
        Json.field(json, "detail", detail);
        Json.field(json, "instance", instance);
        Json.field(json, "requestId", requestId);
        return json.append('}').toString();
    }

    private static void logFailure(ServerWebExchange exchange, Throwable error, int status, String requestId) {
        if (status == 500) {
            log.error("Request {} {} {} failed", requestId, exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath(), error);
        } else if (status >= 500) {
            log.warn("Request {} {} {} answered {}: {}", requestId, exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath(), status, error.toString());
        } else if (log.isDebugEnabled()) {
            log.debug("Request {} answered {}: {}", requestId, status, error.toString());
        }
    }
}
