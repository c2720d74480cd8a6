package io.frontdesk.config;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Everything an operator sets under {@code frontdesk.*}. Values arrive as written; the
 * component that uses a value validates it and fails start-up with a message naming its key;
 * a fixed-choice setting is an enum, read by Spring's binder ({@link FixedChoiceBinding}).
 *
 * @param pools backend pools by name; a route reaches pool {@code NAME} with {@code uri: lb://NAME}
 * @param discovery how pools that discover their members reach their sources
 * @param edge what touches the client connection
 * @param accessLog the JSON access log
 * @param demo the demo backends of the embedded default
 * @param management access to state-changing management operations
 * @param upstream timeouts of the connections to backends
 * @param tls the plain-HTTP redirect listener and HSTS
 * @param cache the response cache and its policies
 * @param compression compression of responses at the edge
 * @param shield rate limits
 * @param waf the web application firewall
 * @param tracing which clients' trace context is continued
 */
@ConfigurationProperties("frontdesk")
public record FrontdeskProperties(
        Map<String, PoolProperties> pools,
        @DefaultValue DiscoveryProperties discovery,
        @DefaultValue EdgeProperties edge,
        @DefaultValue AccessLogProperties accessLog,
        @DefaultValue DemoProperties demo,
        @DefaultValue ManagementProperties management,
        @DefaultValue UpstreamProperties upstream,
        @DefaultValue TlsProperties tls,
        @DefaultValue CacheProperties cache,
        @DefaultValue CompressionProperties compression,
        @DefaultValue ShieldProperties shield,
        @DefaultValue WafProperties waf,
        @DefaultValue TracingProperties tracing) {

    public FrontdeskProperties {
        pools = pools == null ? Map.of() : Map.copyOf(pools);
    }
}
