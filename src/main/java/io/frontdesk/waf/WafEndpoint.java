package io.frontdesk.waf;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

import io.frontdesk.config.Choices;
import io.frontdesk.waf.engine.RuleSet;

/**
 * {@code /actuator/waf}: the rule set in force (mode, files with their rule counts, when it was
 * loaded, the last reload error) on GET; POST reloads the files and swaps the new set in, or
 * answers 422 with the error's file and line and keeps the old set.
 */
@Endpoint(id = "waf")
public class WafEndpoint {

    private final WafRules rules;
    private final WafMetrics metrics;

    WafEndpoint(WafRules rules, WafMetrics metrics) {
        this.rules = rules;
        this.metrics = metrics;
    }

    public record FileView(String file, int rules) {
    }

    public record RulesView(String mode, boolean baseline, int rules, Instant loadedAt, List<FileView> files,
            String lastReloadError) {
    }

    public record ReloadView(boolean reloaded, String error, RulesView inForce) {
    }

    @ReadOperation
    public RulesView rules() {
        return view(rules.loaded());
    }

    @WriteOperation
    public WebEndpointResponse<ReloadView> reload() {
        WafRules.ReloadOutcome outcome = rules.reload();
        metrics.reload(outcome.reloaded());
        ReloadView view = new ReloadView(outcome.reloaded(), outcome.error(), view(outcome.inForce()));
        return new WebEndpointResponse<>(view, outcome.reloaded() ? 200 : 422);
    }

    private RulesView view(WafRules.Loaded loaded) {
        RuleSet ruleSet = loaded.ruleSet();
        List<FileView> files = ruleSet.rulesByFile().entrySet().stream()
                .map(entry -> new FileView(display(entry.getKey()), entry.getValue())).toList();
        return new RulesView(Choices.written(ruleSet.settings().mode()),
                rules.baseline(), ruleSet.ruleCount(), loaded.loadedAt(), files, rules.lastError());
    }

    private String display(Path file) {
        return rules.baseline() ? "builtin:" + RuleFiles.BASELINE : file.toString();
    }
}
