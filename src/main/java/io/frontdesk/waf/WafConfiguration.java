package io.frontdesk.waf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.frontdesk.config.FrontdeskProperties;
import io.frontdesk.config.InvalidConfigurationException;
import io.frontdesk.config.WafProperties;
import io.frontdesk.shield.ClientOffences;
import io.frontdesk.tracing.Tracing;
import io.frontdesk.waf.engine.InspectionBudget;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/** Wires the web application firewall from {@code frontdesk.waf.*}. */
@Configuration(proxyBeanMethods = false)
public class WafConfiguration {

    @Bean
    WafRules wafRules(FrontdeskProperties properties) {
        WafProperties waf = properties.waf();
        if (waf.status() < 400 || waf.status() > 599) {
            throw new InvalidConfigurationException("frontdesk.waf.status", "must be 400 to 599, was " + waf.status());
        }
        String responseBodyAccess = waf.responseInspection() ? "On" : "Off";
        return new WafRules(new RuleFiles(waf, scratchDirectory()), settings -> settings.withMode(waf.mode())
                .withDenyStatus(waf.status()).with("SecResponseBodyAccess", responseBodyAccess));
    }

    private static Path scratchDirectory() {
        try {
            Path directory = Files.createTempDirectory("frontdesk-waf");
            directory.toFile().deleteOnExit();
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for the WAF's generated rules", e);
        }
    }

    @Bean
    InspectionBudget wafBudget(FrontdeskProperties properties) {
        WafProperties.BudgetProperties budget = properties.waf().budget();
        if (budget.cpuTime().isNegative() || budget.cpuTime().isZero()) {
            throw new InvalidConfigurationException("frontdesk.waf.budget.cpu-time",
                    "must be more than 0, was " + budget.cpuTime());
        }
        return new InspectionBudget(budget.cpuTime().toNanos(), budget.policy(),
                CpuClock.of(ManagementFactory.getThreadMXBean()));
    }

    @Bean
    WafMetrics wafMetrics(MeterRegistry registry, WafRules rules, InspectionBudget wafBudget) {
        return new WafMetrics(registry, rules, wafBudget.policy());
    }

    @Bean
    AuditLog wafAuditLog(FrontdeskProperties properties) {
        return AuditLog.open(properties.waf().audit().path());
    }

    /** The WAF's own threads, one per core, for the rules over large bodies. */
    @Bean(destroyMethod = "dispose")
    Scheduler wafInspectionThreads() {
        return Schedulers.newParallel("frontdesk-waf", Runtime.getRuntime().availableProcessors(), true);
    }

    @Bean
    WafFilter wafFilter(FrontdeskProperties properties, GatewayProperties gateway, WafRules rules, AuditLog auditLog,
            WafMetrics metrics, ClientOffences offences, Scheduler wafInspectionThreads, InspectionBudget wafBudget,
            Tracing tracing) {
        WafProperties waf = properties.waf();
        AuditPolicy audit = new AuditPolicy(waf.audit().mode(), auditLog);
        Set<String> routeIds = gateway.getRoutes().stream().map(RouteDefinition::getId).collect(Collectors.toSet());
        Map<String, RouteOverride> routes = new LinkedHashMap<>();
        waf.routes().forEach((routeId, route) -> {
            if (!routeIds.contains(routeId)) {
                throw new InvalidConfigurationException("frontdesk.waf.routes." + routeId,
                        "names no route; the routes are " + new TreeSet<>(routeIds));
            }
            routes.put(routeId, RouteOverride.of(routeId, route));
        });
        return new WafFilter(new WafFilter.Shared(rules, waf.responseInspection(), audit, metrics, offences,
                wafInspectionThreads, wafBudget, tracing), Map.copyOf(routes));
    }

    @Bean
    WafEndpoint wafEndpoint(WafRules rules, WafMetrics metrics) {
        return new WafEndpoint(rules, metrics);
    }
}
