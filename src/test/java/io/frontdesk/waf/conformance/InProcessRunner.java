package io.frontdesk.waf.conformance;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalInt;
import java.util.Map;

import io.frontdesk.waf.conformance.ftw.Header;
import io.frontdesk.waf.conformance.ftw.HttpRequestParser;
import io.frontdesk.waf.conformance.ftw.ParsedRequest;
import io.frontdesk.waf.conformance.ftw.RequestRenderer;
import io.frontdesk.waf.conformance.ftw.StageInput;
import io.frontdesk.waf.engine.Interruption;
import io.frontdesk.waf.engine.RuleMatch;
import io.frontdesk.waf.engine.RuleSet;
import io.frontdesk.waf.engine.Transaction;

/**
 * Runs a stage through the engine alone, unless the gateway's edge would refuse it first: the request as the test tool would send it, read back as
 * a server would, then the response the test backend would give, every phase in turn. The status
 * is the interruption's, else the backend's.
 */
final class InProcessRunner {

    private final RuleSet rules;
    private int sequence;

    InProcessRunner(RuleSet rules) {
        this.rules = rules;
    }

    StageOutcome run(StageInput input) {
        String bytes = RequestRenderer.renderByteString(input);
        OptionalInt refused = EdgeRefusal.status(bytes.getBytes(StandardCharsets.ISO_8859_1));
        if (refused.isPresent()) {
            return new StageOutcome(List.of(), "", refused.getAsInt(), "");
        }
        ParsedRequest request = HttpRequestParser.parse(bytes);
        Transaction transaction = rules.newTransaction("stage-" + ++sequence);
        transaction.connection("127.0.0.1", 40000, "127.0.0.1", 80);
        transaction.requestLine(request.method(), request.target(), request.version());
        for (Header header : request.headers()) {
            transaction.requestHeader(header.name(), header.value());
        }
        Interruption interruption = transaction.processRequestHeaders();
        if (interruption == null) {
            if (!request.body().isEmpty() && transaction.wantsRequestBody()) {
                transaction.appendRequestBody(request.body());
            }
            interruption = transaction.processRequestBody();
        }
        Reflection response = Reflection.answer(request.method(), request.target(), request.body());
        if (interruption == null) {
            transaction.responseStatus(response.status(), "HTTP/1.1");
            for (Map.Entry<String, String> header : response.headers().entrySet()) {
                transaction.responseHeader(header.getKey(), header.getValue());
            }
            interruption = transaction.processResponseHeaders();
            if (interruption == null && transaction.wantsResponseBody()) {
                transaction.appendResponseBody(response.body());
                interruption = transaction.processResponseBody();
            }
        }
        transaction.processLogging();
        List<RuleMatch> matches = transaction.matches();
        StringBuilder log = new StringBuilder();
        if (transaction.requestBodyError() != null) {
            log.append(transaction.requestBodyError()).append('\n');
        }
        for (RuleMatch match : matches) {
            log.append(StageOutcome.logLine(match.rule().id(), match.message(), match.data()));
        }
        int status = interruption != null ? interruption.status() : response.status();
        return new StageOutcome(matches.stream().map(match -> match.rule().id()).toList(), log.toString(), status,
                interruption != null ? "" : response.body());
    }
}
