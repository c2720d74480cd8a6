package io.frontdesk.waf;

import java.util.ArrayList;
import java.util.List;

import io.frontdesk.config.InvalidConfigurationException;
import io.frontdesk.config.WafProperties.RouteProperties;
import io.frontdesk.waf.engine.EngineMode;
import io.frontdesk.waf.engine.Transaction;
import io.frontdesk.waf.engine.rule.IdRanges;
import io.frontdesk.waf.engine.variable.Target;

/** One route's changes to the WAF ({@code frontdesk.waf.routes.ID}), read once and applied to each of its transactions. */
final class RouteOverride {

    private record Exclusion(IdRanges ids, Target target) {
    }

    private final EngineMode mode;
    private final List<IdRanges> removed;
    private final List<Exclusion> exclusions;

    private RouteOverride(EngineMode mode, List<IdRanges> removed, List<Exclusion> exclusions) {
        this.mode = mode;
        this.removed = removed;
        this.exclusions = exclusions;
    }

    /** A bad value fails start-up naming its key. */
    static RouteOverride of(String routeId, RouteProperties properties) {
        String prefix = "frontdesk.waf.routes." + routeId + ".";
        List<IdRanges> removed = new ArrayList<>();
        for (String ids : properties.removeRules()) {
            try {
                removed.add(IdRanges.parse(ids));
            } catch (IllegalArgumentException e) {
                throw new InvalidConfigurationException(prefix + "remove-rules", e.getMessage());
            }
        }
        List<Exclusion> exclusions = new ArrayList<>();
        for (String pair : properties.excludeTargets()) {
            int semicolon = pair.indexOf(';');
            if (semicolon < 0) {
                throw new InvalidConfigurationException(prefix + "exclude-targets",
                        "entries are IDS;TARGET such as 942100;ARGS:password, not '" + pair + "'");
            }
            try {
                exclusions.add(new Exclusion(IdRanges.parse(pair.substring(0, semicolon)),
                        Target.excluding(pair.substring(semicolon + 1))));
            } catch (IllegalArgumentException e) {
                throw new InvalidConfigurationException(prefix + "exclude-targets", e.getMessage());
            }
        }
        return new RouteOverride(properties.mode(), List.copyOf(removed), List.copyOf(exclusions));
    }

    void applyTo(Transaction transaction) {
        if (mode != null) {
            transaction.overrideMode(mode);
        }
        removed.forEach(transaction::removeRules);
        exclusions.forEach(exclusion -> transaction.removeTarget(exclusion.ids(), exclusion.target()));
    }
}
