package io.frontdesk.waf;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;

import io.frontdesk.edge.EdgeAttributes;
import io.frontdesk.edge.RejectedRequest;
import io.frontdesk.edge.RequestBodies;
import io.frontdesk.edge.RequestTargetEscaping;
import io.frontdesk.support.ExchangeWith;
import io.frontdesk.tracing.TraceSpan;
import io.frontdesk.waf.engine.Interruption;
import io.frontdesk.waf.engine.RuleMatch;
import io.frontdesk.waf.engine.Transaction;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.server.HttpServerRequest;

/**
 * One exchange going through the WAF: request phases before the route's backend is asked (the
 * body held, up to the engine's limit, then replayed to the backend), response phases on the way
 * back when responses are inspected, and once the response is about to be sent the logging
 * phase, the metrics and the audit line, which the response waits for; a transaction that can
 * have no audit line and whose response is not inspected has them when the exchange ends.
 */
final class Inspection {

    private static final String BLOCKED = "The web application firewall blocked this request.";
    /** How long a client refused for the budget outside the body's phase should wait: warming up takes seconds. */
    private static final long BUDGET_RETRY_AFTER_SECONDS = 10;
    static final long OFFLOADED_FROM = 16 * 1024;

    private final ServerWebExchange exchange;
    private final Transaction transaction;
    private final WafFilter.Shared shared;
    private final String clientAddress;
    private long evaluationNanos;
    private boolean responseHeadersDone;
    private boolean finished;

    Inspection(ServerWebExchange exchange, Transaction transaction, WafFilter.Shared shared) {
        this.exchange = exchange;
        this.transaction = transaction;
        this.shared = shared;
        String client = exchange.getAttribute(EdgeAttributes.CLIENT_ADDRESS);
        this.clientAddress = client == null ? "" : client;
    }

    Mono<Void> run(GatewayFilterChain chain) {
        describeRequest();
        Interruption interruption = timed(transaction::processRequestHeaders);
        if (interruption != null) {
            finishBeforeCommit();
            return refusal(interruption);
        }
        if (RequestBodies.mayFollow(exchange.getRequest()) && transaction.wantsRequestBody()) {
            finishBeforeCommit();
            return inspectBody(chain).doFinally(signal -> finish().subscribe());
        }
        Interruption atBody = timed(transaction::processRequestBody);
        if (atBody != null || shared.responseInspection() || shared.audit().mayWant(transaction, relevant())) {
            finishBeforeCommit();
        }
        return (atBody != null ? refusal(atBody) : proceed(chain, exchange)).doFinally(signal -> finish().subscribe());
    }

    /**
     * The logging phase, the metrics and the audit line before the response is committed, which
     * waits for the line; the response's own phases go then too. A transaction that can have no
     * audit line and whose response is not inspected finishes when the exchange ends instead,
     * sparing the response the commit's actions.
     */
    private void finishBeforeCommit() {
        exchange.getResponse().beforeCommit(this::finish);
    }

    /** Whether an audit line in relevant mode is due: a rule matched, or the body or budget failed. */
    private boolean relevant() {
        return !transaction.matches().isEmpty() || transaction.requestBodyError() != null
                || transaction.budgetSpentIn() != 0;
    }

    private void describeRequest() {
        ServerHttpRequest request = exchange.getRequest();
        Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(request);
        String protocol = nativeRequest instanceof HttpServerRequest netty ? netty.version().text() : "HTTP/1.1";
        transaction.requestLine(request.getMethod().name(), RequestTargetEscaping.sentTarget(request), protocol);
        InetSocketAddress remote = request.getRemoteAddress();
        InetSocketAddress local = request.getLocalAddress();
        transaction.connection(clientAddress, remote == null ? 0 : remote.getPort(),
                local == null ? "" : local.getAddress().getHostAddress(), local == null ? 0 : local.getPort());
        if (nativeRequest instanceof HttpServerRequest netty) {
            // The decoded head, field by field in the order sent, as ModSecurity has them; no filter
            // before this one changes request headers but in that head (see RequestFramingFilter).
            for (Map.Entry<String, String> field : netty.requestHeaders()) {
                transaction.requestHeader(field.getKey(), field.getValue());
            }
        } else {
            request.getHeaders().forEach((name, values) -> values.forEach(value -> transaction.requestHeader(name, value)));
        }
    }

    /**
     * Reads the body into the transaction up to the engine's limit, holding those buffers; past
     * the limit the body is refused (413) when the engine refuses such bodies, else the rest
     * streams on to the backend uninspected, after the held part.
     */
    private Mono<Void> inspectBody(GatewayFilterChain chain) {
        long limit = transaction.requestBodyLimit();
        long[] read = {0};
        boolean[] over = {false};
        Flux<List<DataBuffer>> chunks = exchange.getRequest().getBody().bufferUntil(buffer -> {
            if (over[0]) {
                return true;
            }
            read[0] += buffer.readableByteCount();
            over[0] = read[0] > limit;
            return over[0];
        }).doOnDiscard(List.class, Inspection::releaseAll);
        return chunks.switchOnFirst((first, all) -> {
            List<DataBuffer> inspected = first.hasValue() ? first.get() : List.of();
            for (DataBuffer buffer : inspected) {
                long started = System.nanoTime();
                transaction.appendRequestBody(buffer.toString(StandardCharsets.ISO_8859_1));
                evaluationNanos += System.nanoTime() - started;
            }
            long bytes = inspected.stream().mapToLong(DataBuffer::readableByteCount).sum();
            return decided(transaction::processRequestBody, bytes).flatMap(interruption -> interruption.isPresent()
                    ? all.doOnNext(Inspection::release).take(1).then(refusal(interruption.get()))
                    : proceed(chain, ExchangeWith.request(exchange,
                            new ReplayedRequest(exchange.getRequest(), all.concatMapIterable(list -> list)))));
        }).then();
    }

    /**
     * Runs a phase over a body. Bodies of {@value #OFFLOADED_FROM} bytes or more are judged on the
     * WAF's own threads, so that a large body's rules do not hold the event loop its connection
     * shares with others; the exchange then goes on on its own event loop again.
     */
    Mono<Optional<Interruption>> decided(Supplier<Interruption> phase, long bytes) {
        Mono<Optional<Interruption>> decision = Mono.fromSupplier(() -> Optional.ofNullable(timed(phase)));
        Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
        if (bytes < OFFLOADED_FROM || !(nativeRequest instanceof HttpServerRequest netty)) {
            return decision;
        }
        Executor[] loop = {null};
        netty.withConnection(connection -> loop[0] = connection.channel().eventLoop());
        return decision.subscribeOn(shared.inspectionThreads()).publishOn(Schedulers.fromExecutor(loop[0]));
    }

    private static void release(List<DataBuffer> buffers) {
        buffers.forEach(DataBufferUtils::release);
    }

    private static void releaseAll(List<?> discarded) {
        discarded.forEach(item -> DataBufferUtils.release((DataBuffer) item));
    }

    private Mono<Void> proceed(GatewayFilterChain chain, ServerWebExchange next) {
        if (!shared.responseInspection()) {
            return chain.filter(next);
        }
        return chain.filter(ExchangeWith.response(next, new InspectedResponse(next.getResponse(), this)));
    }

    /** Phase 3, once: before the response body is written or, without one, before it is committed. */
    Interruption responseHeaders() {
        if (responseHeadersDone || transaction.interruption() != null) {
            return null;
        }
        responseHeadersDone = true;
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        transaction.responseStatus(status == null ? 200 : status.value(), "HTTP/1.1");
        exchange.getResponse().getHeaders()
                .forEach((name, values) -> values.forEach(value -> transaction.responseHeader(name, value)));
        return timed(transaction::processResponseHeaders);
    }

    Transaction transaction() {
        return transaction;
    }

    <T> T timed(Supplier<T> step) {
        long started = System.nanoTime();
        try {
            return step.get();
        } finally {
            evaluationNanos += System.nanoTime() - started;
        }
    }

    /** The failure that turns the transaction away; the problem filter writes it with the request id. */
    Mono<Void> refusal(Interruption interruption) {
        if (transaction.budgetSpentIn() != 0) {
            return Mono.error(budgetRefusal(interruption.status()));
        }
        if (interruption.ruleId() != 0) {
            shared.offences().offence(clientAddress, "waf", "WAF rule " + interruption.ruleId());
        }
        HttpHeaders headers = new HttpHeaders();
        HttpStatus status = HttpStatus.resolve(interruption.status());
        switch (interruption.action()) {
            case REDIRECT -> headers.setLocation(java.net.URI.create(interruption.location()));
            case DROP -> headers.setConnection("close");
            default -> {
            }
        }
        String detail = interruption.status() == 413 ? "The request body is larger than the web application"
                + " firewall inspects." : BLOCKED;
        return Mono.error(new RejectedRequest(status == null ? HttpStatus.FORBIDDEN : status, "waf", detail, headers));
    }

    private static RejectedRequest budgetRefusal(int status) {
        if (status == HttpStatus.CONTENT_TOO_LARGE.value()) {
            return new RejectedRequest(HttpStatus.CONTENT_TOO_LARGE, "waf_budget", "Inspecting this request's body"
                    + " takes more time than the web application firewall gives a request.");
        }
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(BUDGET_RETRY_AFTER_SECONDS));
        return new RejectedRequest(HttpStatus.SERVICE_UNAVAILABLE, "waf_budget", "The web application firewall"
                + " could not inspect this request in the time it gives a request.", headers);
    }

    /** The logging phase, metrics and the audit line, once; the returned Mono completes when the line is flushed. */
    private Mono<Void> finish() {
        if (finished) {
            return Mono.empty();
        }
        finished = true;
        if (shared.responseInspection()) {
            responseHeaders();
        }
        timed(() -> {
            transaction.processLogging();
            return null;
        });
        List<RuleMatch> matches = transaction.matches();
        String action = transaction.interruption() != null ? "blocked" : matches.isEmpty() ? "pass" : "detected";
        TraceSpan span = shared.tracing().spanOf(exchange);
        if (span != TraceSpan.NONE) {
            span.tag("frontdesk.waf.action", action).tag("frontdesk.waf.anomaly_score", anomalyScore());
        }
        shared.metrics().transaction(action, evaluationNanos);
        matches.forEach(match -> shared.metrics().ruleMatched(match.rule(), action.equals("blocked")));
        int budgetSpentIn = transaction.budgetSpentIn();
        if (budgetSpentIn != 0) {
            shared.metrics().budgetExhausted(budgetSpentIn);
        }
        if (!shared.audit().wanted(transaction, relevant())) {
            return Mono.empty();
        }
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        String line = AuditLine.of(Instant.now(), auditId(), exchange.getAttribute(EdgeAttributes.TRACE_ID),
                clientAddress, exchange.getRequest().getMethod().name(), requestTarget(),
                status == null ? 200 : status.value(), action, anomalyScore(), transaction.requestBodyError(),
                budgetSpentIn, matches);
        return Mono.fromFuture(shared.audit().log().write(line));
    }

    private String auditId() {
        HttpHeaders headers = exchange.getRequest().getHeaders();
        String id = headers.getFirst("X-Request-Id");
        if (id == null) {
            id = headers.getFirst("X-CRS-Test");
        }
        return id != null ? id : transaction.id();
    }

    private String requestTarget() {
        return RequestTargetEscaping.sentTarget(exchange.getRequest());
    }

    /** CRS v4's blocking score, or v3's (and the baseline's) total. */
    private long anomalyScore() {
        String score = transaction.txValue("blocking_inbound_anomaly_score");
        if (score == null) {
            score = transaction.txValue("anomaly_score");
        }
        try {
            return score == null ? 0 : Long.parseLong(score.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The request with its body read ahead, given to the backend as it came. */
    private static final class ReplayedRequest extends ServerHttpRequestDecorator {

        private final Flux<DataBuffer> body;

        ReplayedRequest(ServerHttpRequest request, Flux<DataBuffer> body) {
            super(request);
            this.body = body;
        }

        @Override
        public Flux<DataBuffer> getBody() {
            return body;
        }
    }
}
