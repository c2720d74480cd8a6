package io.frontdesk.waf;

import java.time.Instant;
import java.util.List;

import io.frontdesk.support.Json;
import io.frontdesk.waf.engine.RuleMatch;

/**
 * One audit log line: the transaction (who, what, the answer), what the WAF did ({@code blocked},
 * {@code detected}, {@code pass}), its anomaly score, why its body could not be parsed (when it
 * could not: a parse error is how many evasions show), the phase in which it spent its CPU budget
 * (when it did: no rule ran after it) and every logged rule that matched, in match order. Byte-string values (URIs, matched data) are written as Latin-1 characters, one per byte.
 */
final class AuditLine {

    private AuditLine() {
    }

    /**
     * @param traceId the exchange's trace, written only when there is one (tracing is on)
     * @param budgetExhaustedPhase the phase that spent the budget, written only when one did (not 0)
     */
    static String of(Instant time, String requestId, String traceId, String clientIp, String method, String uri,
            int status, String action, long anomalyScore, String bodyError, int budgetExhaustedPhase,
            List<RuleMatch> matches) {
        StringBuilder json = new StringBuilder(256 + matches.size() * 256).append('{');
        Json.field(json, "time", time.toString());
        Json.field(json, "request_id", requestId);
        if (traceId != null) {
            Json.field(json, "trace_id", traceId);
        }
        Json.field(json, "client_ip", clientIp);
        Json.field(json, "method", method);
        Json.field(json, "uri", uri);
        Json.field(json, "status", status);
        Json.field(json, "action", action);
        Json.field(json, "anomaly_score", anomalyScore);
        if (bodyError != null) {
            Json.field(json, "request_body_error", bodyError);
        }
        if (budgetExhaustedPhase != 0) {
            Json.field(json, "budget_exhausted_phase", budgetExhaustedPhase);
        }
        json.append(",\"matched_rules\":[");
        for (int i = 0; i < matches.size(); i++) {
            RuleMatch match = matches.get(i);
            json.append(i == 0 ? "{" : ",{");
            Json.field(json, "id", match.rule().id());
            Json.field(json, "msg", match.message());
            Json.field(json, "data", match.data());
            Json.field(json, "matched_var", match.matchedVariable());
            Json.field(json, "severity", match.rule().severityName() == null ? "" : match.rule().severityName());
            Json.field(json, "phase", match.rule().phase());
            json.append(",\"tags\":[");
            List<String> tags = match.rule().tags();
            for (int t = 0; t < tags.size(); t++) {
                if (t > 0) {
                    json.append(',');
                }
                Json.string(json, tags.get(t));
            }
            json.append("]}");
        }
        return json.append("]}").toString();
    }
}
