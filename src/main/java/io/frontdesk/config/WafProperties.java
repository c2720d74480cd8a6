package io.frontdesk.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.bind.DefaultValue;

import io.frontdesk.waf.engine.EngineMode;
import io.frontdesk.waf.engine.InspectionBudget;

/**
 * The web application firewall: SecLang rules (the OWASP Core Rule Set and the operator's own, or
 * Frontdesk's built-in baseline when neither is given) run over every request.
 *
 * @param mode {@code on} (matching rules may block), {@code detection-only} (they are only logged)
 *        or {@code off}; over the files' own SecRuleEngine
 * @param crs a CRS checkout to load: its setup file and {@code rules/*.conf}
 * @param rulesBefore the operator's SecLang files loaded after CRS's setup and before its rules
 *        (run-time exclusions with {@code ctl})
 * @param rules the operator's SecLang files loaded after CRS (removals and updates, custom rules)
 * @param paranoiaLevel CRS's blocking paranoia level (1 to 4); 0 leaves CRS's setup in charge
 * @param inboundAnomalyThreshold CRS's inbound anomaly score threshold; 0 leaves CRS's setup in charge
 * @param outboundAnomalyThreshold CRS's outbound anomaly score threshold; 0 leaves CRS's setup in charge
 * @param status the status of a blocked request, unless the rule names its own
 * @param responseInspection whether responses are inspected too (phases 3 and 4)
 * @param audit the audit log of inspected transactions
 * @param budget the CPU time one transaction's inspection may take
 * @param routes per-route changes, by route id
 */
public record WafProperties(
        @DefaultValue("on") EngineMode mode,
        @DefaultValue CrsProperties crs,
        @DefaultValue List<String> rulesBefore,
        @DefaultValue List<String> rules,
        @DefaultValue("0") int paranoiaLevel,
        @DefaultValue("0") int inboundAnomalyThreshold,
        @DefaultValue("0") int outboundAnomalyThreshold,
        @DefaultValue("403") int status,
        @DefaultValue("false") boolean responseInspection,
        @DefaultValue AuditProperties audit,
        @DefaultValue BudgetProperties budget,
        Map<String, RouteProperties> routes) {

    public WafProperties {
        routes = routes == null ? Map.of() : Map.copyOf(routes);
    }

    /**
     * @param directory the CRS checkout (holding {@code rules/}); empty for none
     * @param setup its setup file; empty for {@code crs-setup.conf} there, else {@code crs-setup.conf.example}
     */
    public record CrsProperties(
            @DefaultValue("") String directory,
            @DefaultValue("") String setup) {
    }

    /**
     * @param mode {@code relevant} (a line for each transaction a rule matched), {@code all} (a line
     *        for each inspected transaction) or {@code off}
     * @param path the file the lines are appended to, or {@code stdout}
     */
    public record AuditProperties(
            @DefaultValue("relevant") AuditMode mode,
            @DefaultValue("stdout") String path) {
    }

    /**
     * @param cpuTime the CPU time one transaction's phases may take, body parsing included
     * @param policy what becomes of a transaction that spends it: {@code refuse} (413 when its
     *        request body's phase spent it, else 503 with {@code Retry-After}) or {@code pass}
     *        (it goes on without further rules); either way it is counted and audited
     */
    public record BudgetProperties(
            @DefaultValue("2s") Duration cpuTime,
            @DefaultValue("refuse") InspectionBudget.Policy policy) {
    }

    /** Which inspected transactions get an audit line. */
    public enum AuditMode {
        /** Those a rule matched. */
        RELEVANT,
        ALL,
        OFF
    }

    /**
     * @param mode the route's mode, over the global one; {@code null} keeps the global one
     * @param removeRules rule ids and ranges ({@code 942100}, {@code 920000-920999}) not run on the route
     * @param excludeTargets {@code IDS;TARGET} pairs ({@code 942100;ARGS:password}): the rules do not
     *        inspect that target on the route
     */
    public record RouteProperties(
            EngineMode mode,
            @DefaultValue List<String> removeRules,
            @DefaultValue List<String> excludeTargets) {
    }
}
