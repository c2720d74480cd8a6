package io.frontdesk.cache;

import java.util.List;
import java.util.Map;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;

/** The {@code Cache=POLICY} route filter: caches the route's responses under a named policy. */
public final class CacheGatewayFilterFactory extends AbstractGatewayFilterFactory<CacheGatewayFilterFactory.Config> {

    private final Map<String, CacheFilter> filtersByPolicy;

    CacheGatewayFilterFactory(Map<String, CacheFilter> filtersByPolicy) {
        super(Config.class);
        this.filtersByPolicy = filtersByPolicy;
    }

    @Override
    public List<String> shortcutFieldOrder() {
        return List.of("policy");
    }

    @Override
    public GatewayFilter apply(Config config) {
        CacheFilter filter = filtersByPolicy.get(config.getPolicy());
        if (filter == null) {
            // Start-up validation names the route's key; this only guards routes added later.
            throw new IllegalArgumentException("no cache policy named '" + config.getPolicy()
                    + "' under frontdesk.cache.policies");
        }
        return filter;
    }

    /** The filter's arguments. */
    public static final class Config {

        private String policy;

        public String getPolicy() {
            return policy;
        }

        public void setPolicy(String policy) {
            this.policy = policy;
        }
    }
}
