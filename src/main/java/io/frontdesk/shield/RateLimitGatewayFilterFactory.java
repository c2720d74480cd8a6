package io.frontdesk.shield;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;

/** The {@code RateLimit=NAME[,NAME...]} route filter: applies the named limits of {@code frontdesk.shield.limits}. */
public final class RateLimitGatewayFilterFactory
        extends AbstractGatewayFilterFactory<RateLimitGatewayFilterFactory.Config> {

    private final Map<String, Limiter> limiters;
    private final RateLimitMetrics metrics;
    private final ClientOffences offences;

    RateLimitGatewayFilterFactory(Map<String, Limiter> limiters, RateLimitMetrics metrics, ClientOffences offences) {
        super(Config.class);
        this.limiters = limiters;
        this.metrics = metrics;
        this.offences = offences;
    }

    @Override
    public ShortcutType shortcutType() {
        return ShortcutType.GATHER_LIST;
    }

    @Override
    public List<String> shortcutFieldOrder() {
        return List.of("limits");
    }

    @Override
    public GatewayFilter apply(Config config) {
        List<Limiter> named = new ArrayList<>();
        for (String name : config.getLimits()) {
            Limiter limiter = limiters.get(name.trim());
            if (limiter == null) {
                // Start-up validation names the route's key; this only guards routes added later.
                throw new IllegalArgumentException("no rate limit named '" + name + "' under frontdesk.shield.limits");
            }
            named.add(limiter);
        }
        return new RateLimitFilter(List.copyOf(named), metrics, offences);
    }

    /** The filter's arguments. */
    public static final class Config {

        private List<String> limits = List.of();

        public List<String> getLimits() {
            return limits;
        }

        public void setLimits(List<String> limits) {
            this.limits = limits;
        }
    }
}
