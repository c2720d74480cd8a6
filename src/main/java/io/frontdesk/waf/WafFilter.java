package io.frontdesk.waf;

import java.util.Map;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;

import io.frontdesk.FilterOrder;
import io.frontdesk.edge.EdgeAttributes;
import io.frontdesk.shield.ClientOffences;
import io.frontdesk.tracing.Tracing;
import io.frontdesk.waf.engine.EngineMode;
import io.frontdesk.waf.engine.InspectionBudget;
import io.frontdesk.waf.engine.Transaction;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Runs every routed request through the WAF's rules (see {@link Inspection}); the route's
 * overrides ({@code frontdesk.waf.routes}) apply to its transactions.
 */
public final class WafFilter implements GlobalFilter, Ordered {

    /** What every inspection of this gateway shares. */
    record Shared(WafRules rules, boolean responseInspection, AuditPolicy audit, WafMetrics metrics,
            ClientOffences offences, Scheduler inspectionThreads, InspectionBudget budget, Tracing tracing) {
    }

    private final Shared shared;
    private final Map<String, RouteOverride> routes;

    WafFilter(Shared shared, Map<String, RouteOverride> routes) {
        this.shared = shared;
        this.routes = routes;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        String requestId = exchange.getAttribute(EdgeAttributes.REQUEST_ID);
        Transaction transaction = shared.rules().ruleSet().newTransaction(requestId == null ? "" : requestId);
        transaction.budget(shared.budget());
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        RouteOverride override = route == null ? null : routes.get(route.getId());
        if (override != null) {
            override.applyTo(transaction);
        }
        if (transaction.mode() == EngineMode.OFF) {
            return chain.filter(exchange);
        }
        return new Inspection(exchange, transaction, shared).run(chain);
    }

    @Override
    public int getOrder() {
        return FilterOrder.WAF;
    }
}
