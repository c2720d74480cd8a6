package io.frontdesk.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.diagnostics.FailureAnalysis;

import io.frontdesk.support.GatewaySettings;
import io.frontdesk.support.GatewaySettings.Route;
import io.frontdesk.support.RunningGateway;

/** Every invalid setting stops start-up with one sentence naming its key. */
class InvalidConfigurationTest {

    private static GatewaySettings validPool() {
        return GatewaySettings.empty().pool("web", "http://127.0.0.1:1").route(Route.to("web"));
    }

    private static GatewaySettings dnsPool() {
        return GatewaySettings.empty().set("frontdesk.pools.web.discovery.type", "dns")
                .set("frontdesk.pools.web.discovery.name", "web.frontdesk.test")
                .set("frontdesk.pools.web.discovery.port", "8080").route(Route.to("web"));
    }

    private static Arguments invalidDns(String key, String value, String expectedKey) {
        return Arguments.of(expectedKey, dnsPool().set(key, value));
    }

    private static GatewaySettings registryPool() {
        return GatewaySettings.empty().set("frontdesk.pools.web.discovery.type", "service-registry")
                .set("frontdesk.pools.web.discovery.service-id", "web").route(Route.to("web"));
    }

    private static Arguments invalidRegistry(String key, String value, String expectedKey) {
        return Arguments.of(expectedKey, registryPool().set(key, value));
    }

    private static Arguments invalid(String key, String value, String expectedKey) {
        return Arguments.of(expectedKey, validPool().set(key, value));
    }

    static Stream<Arguments> invalidSettings() {
        String routes = "spring.cloud.gateway.server.webflux.routes[0]";
        return Stream.of(
                invalid("frontdesk.pools.web.backends[0].url", "http//10.0.0.1:80",
                        "frontdesk.pools.web.backends[0].url"),
                invalid("frontdesk.pools.web.backends[0].url", "ftp://10.0.0.1", "frontdesk.pools.web.backends[0].url"),
                invalid("frontdesk.pools.web.backends[0].url", "http://10.0.0.1:80/app",
                        "frontdesk.pools.web.backends[0].url"),
                invalid("frontdesk.pools.web.backends[0].weight", "0", "frontdesk.pools.web.backends[0].weight"),
                invalid(routes + ".metadata.response-timeout", "-5", routes + ".metadata.response-timeout"),
                invalid(routes + ".metadata.connect-timeout", "-1", routes + ".metadata.connect-timeout"),
                invalid("spring.cloud.gateway.server.webflux.httpclient.connect-timeout", "-100",
                        "spring.cloud.gateway.server.webflux.httpclient.connect-timeout"),
                invalid("frontdesk.pools.web.health-check.interval", "-1s",
                        "frontdesk.pools.web.health-check.interval"),
                invalid("frontdesk.pools.web.health-check.expected-status", "2xx",
                        "frontdesk.pools.web.health-check.expected-status"),
                invalid("frontdesk.pools.web.panic-threshold", "150", "frontdesk.pools.web.panic-threshold"),
                invalid("frontdesk.pools.web.slow-start", "-10s", "frontdesk.pools.web.slow-start"),
                invalid("frontdesk.pools.web.latency.decay", "0s", "frontdesk.pools.web.latency.decay"),
                invalid("frontdesk.pools.web.outlier-detection.slow.factor", "1",
                        "frontdesk.pools.web.outlier-detection.slow.factor"),
                invalid("frontdesk.pools.web.outlier-detection.slow.min-latency", "-1ms",
                        "frontdesk.pools.web.outlier-detection.slow.min-latency"),
                invalid("frontdesk.pools.web.outlier-detection.slow.window", "0s",
                        "frontdesk.pools.web.outlier-detection.slow.window"),
                invalid("frontdesk.pools.web.retry.max-attempts", "0", "frontdesk.pools.web.retry.max-attempts"),
                invalid("frontdesk.pools.web.outlier-detection.max-ejection-time", "1s",
                        "frontdesk.pools.web.outlier-detection.max-ejection-time"),
                invalid("frontdesk.edge.trusted-proxies[0]", "10.0.0.0/40", "frontdesk.edge.trusted-proxies[0]"),
                invalid("frontdesk.edge.event-loops", "0", "frontdesk.edge.event-loops"),
                invalid("frontdesk.edge.event-loops", "two", "frontdesk.edge.event-loops"),
                invalid("frontdesk.upstream.read-timeout", "0s", "frontdesk.upstream.read-timeout"),
                invalid("frontdesk.management.token", "short", "frontdesk.management.token"),
                Arguments.of("management.server.port", validPool()
                        .set("server.port", "18999")
                        .set("management.server.port", "18999")),
                Arguments.of("frontdesk.pools.web.hash-on", validPool()
                        .set("frontdesk.pools.web.algorithm", "consistent-hash")
                        .set("frontdesk.pools.web.hash-on", "query:user")),
                Arguments.of(routes + ".uri", validPool().set(routes + ".uri", "lb://missing")),
                invalid("frontdesk.pools.web.tls.server-name", "api.internal", "frontdesk.pools.web.backends[0].url"),
                Arguments.of("frontdesk.pools.web.tls.bundle", validPool()
                        .set("frontdesk.pools.web.backends[0].url", "https://127.0.0.1:1")
                        .set("frontdesk.pools.web.tls.bundle", "missing")),
                Arguments.of("frontdesk.pools.web.tls.server-name", validPool()
                        .set("frontdesk.pools.web.backends[0].url", "https://127.0.0.1:1")
                        .set("frontdesk.pools.web.tls.server-name", "bad name!")),
                Arguments.of("frontdesk.tls.handshake-timeout", validPool()
                        .set("server.ssl.enabled", "true")
                        .set("frontdesk.tls.http-port", "-1")
                        .set("frontdesk.tls.handshake-timeout", "0s")),
                invalid(routes + ".filters[0]", "Cache=missing", routes + ".filters[0]"),
                invalid("frontdesk.cache.memory-size", "100TB", "frontdesk.cache.memory-size"),
                invalid("frontdesk.cache.policies.site.heuristic-max-ttl", "-1h",
                        "frontdesk.cache.policies.site.heuristic-max-ttl"),
                invalid("frontdesk.cache.policies.site.heuristic-max-ttl", "0s",
                        "frontdesk.cache.policies.site.heuristic-max-ttl"),
                invalid("frontdesk.cache.policies.site.targeted-fields[0]", "Cache-Control",
                        "frontdesk.cache.policies.site.targeted-fields"),
                invalid("frontdesk.cache.policies.site.targeted-fields[0]", "CDN Cache Control",
                        "frontdesk.cache.policies.site.targeted-fields"),
                invalid("spring.data.redis.url", "http://cache.internal", "spring.data.redis.url"),
                invalid(routes + ".filters[0]", "RateLimit=nope", routes + ".filters[0]"),
                invalid("frontdesk.shield.limits.x.rate", "fast", "frontdesk.shield.limits.x.rate"),
                invalid("frontdesk.shield.request.max-headers", "0", "frontdesk.shield.request.max-headers"),
                Arguments.of("frontdesk.shield.connections.max-per-client", validPool()
                        .set("frontdesk.shield.connections.proxy-protocol", "on")
                        .set("frontdesk.shield.connections.max-per-client", "10")),
                invalid("frontdesk.shield.deny[0]", "10.0.0.0/99", "frontdesk.shield.deny[0]"),
                Arguments.of("frontdesk.shield.limits.x.scope", validPool()
                        .set("frontdesk.shield.limits.x.rate", "1/s")
                        .set("frontdesk.shield.limits.x.scope", "cluster")),
                invalid("frontdesk.shield.request.body-timeout", "0s", "frontdesk.shield.request.body-timeout"),
                invalid("frontdesk.shield.connections.idle-timeout", "0s", "frontdesk.shield.connections.idle-timeout"),
                invalid("server.netty.idle-timeout", "30s", "server.netty.idle-timeout"),
                invalid("frontdesk.shield.connections.max-per-client", "-1",
                        "frontdesk.shield.connections.max-per-client"),
                invalid("frontdesk.shield.connections.max-total", "-1", "frontdesk.shield.connections.max-total"),
                invalid("frontdesk.shield.connections.management-reserve", "0",
                        "frontdesk.shield.connections.management-reserve"),
                invalid("frontdesk.shield.connections.pressure-idle-timeout", "0s",
                        "frontdesk.shield.connections.pressure-idle-timeout"),
                invalid(routes + ".metadata.max-body-size", "huge", routes + ".metadata.max-body-size"),
                Arguments.of("frontdesk.shield.limits.x.key", validPool()
                        .set("frontdesk.shield.limits.x.rate", "1/s")
                        .set("frontdesk.shield.limits.x.key", "ip")),
                invalid("frontdesk.waf.status", "200", "frontdesk.waf.status"),
                invalid("frontdesk.waf.crs.directory", "/nonexistent/crs", "frontdesk.waf.crs.directory"),
                invalid("frontdesk.waf.rules[0]", "/nonexistent/rules.conf", "frontdesk.waf.rules"),
                invalid("frontdesk.waf.routes.web.remove-rules[0]", "942100-abc",
                        "frontdesk.waf.routes.web.remove-rules"),
                invalid("frontdesk.waf.routes.web.exclude-targets[0]", "942100",
                        "frontdesk.waf.routes.web.exclude-targets"),
                invalid("frontdesk.waf.routes.web.exclude-targets[0]", "942100;ARGZ:pw",
                        "frontdesk.waf.routes.web.exclude-targets"),
                invalid("frontdesk.waf.rules[0]", brokenRuleFile(), "frontdesk.waf"),
                invalid("frontdesk.waf.routes.nosuchroute.mode", "off", "frontdesk.waf.routes.nosuchroute"),
                invalid("frontdesk.waf.audit.path", "/proc/frontdesk/audit.log", "frontdesk.waf.audit.path"),
                invalid("frontdesk.waf.budget.cpu-time", "0s", "frontdesk.waf.budget.cpu-time"),
                invalid("frontdesk.waf.budget.cpu-time", "-1s", "frontdesk.waf.budget.cpu-time"),
                Arguments.of("frontdesk.access-log.path", validPool().set("frontdesk.access-log.enabled", "true")
                        .set("frontdesk.access-log.path", "/proc/frontdesk/access.log")),
                invalid("frontdesk.tracing.trusted-clients[0]", "10.0.0.0/99", "frontdesk.tracing.trusted-clients[0]"),
                Arguments.of("frontdesk.pools.web.backends",
                        GatewaySettings.empty().set("frontdesk.pools.web.slow-start", "1s").route(Route.to("web"))),
                invalid("frontdesk.pools.web.discovery.name", "web.internal", "frontdesk.pools.web.discovery.type"),
                invalidDns("frontdesk.pools.web.backends[0].url", "http://127.0.0.1:1",
                        "frontdesk.pools.web.backends"),
                invalidDns("frontdesk.pools.web.discovery.name", "", "frontdesk.pools.web.discovery.name"),
                invalidDns("frontdesk.pools.web.discovery.name", "http://web.internal",
                        "frontdesk.pools.web.discovery.name"),
                Arguments.of("frontdesk.pools.web.discovery.port", GatewaySettings.empty()
                        .set("frontdesk.pools.web.discovery.type", "dns")
                        .set("frontdesk.pools.web.discovery.name", "web.frontdesk.test").route(Route.to("web"))),
                invalidDns("frontdesk.pools.web.discovery.port", "70000", "frontdesk.pools.web.discovery.port"),
                invalidDns("frontdesk.pools.web.discovery.scheme", "ftp", "frontdesk.pools.web.discovery.scheme"),
                invalidDns("frontdesk.pools.web.discovery.refresh", "0s", "frontdesk.pools.web.discovery.refresh"),
                invalidDns("frontdesk.pools.web.discovery.refresh", "-5s", "frontdesk.pools.web.discovery.refresh"),
                invalidDns("frontdesk.pools.web.discovery.service-id", "web", "frontdesk.pools.web.discovery.service-id"),
                invalid("frontdesk.pools.web.discovery.service-id", "web", "frontdesk.pools.web.discovery.type"),
                Arguments.of("frontdesk.pools.web.discovery.service-id", GatewaySettings.empty()
                        .set("frontdesk.pools.web.discovery.type", "service-registry").route(Route.to("web"))),
                invalidRegistry("frontdesk.pools.web.discovery.service-id", "web shop",
                        "frontdesk.pools.web.discovery.service-id"),
                invalidRegistry("frontdesk.pools.web.backends[0].url", "http://127.0.0.1:1",
                        "frontdesk.pools.web.backends"),
                invalidRegistry("frontdesk.pools.web.discovery.port", "8080", "frontdesk.pools.web.discovery.port"),
                invalidRegistry("frontdesk.pools.web.discovery.name", "web.internal",
                        "frontdesk.pools.web.discovery.name"),
                invalidRegistry("frontdesk.pools.web.discovery.scheme", "grpc", "frontdesk.pools.web.discovery.scheme"),
                invalidRegistry("frontdesk.pools.web.discovery.refresh", "0s",
                        "frontdesk.pools.web.discovery.refresh"),
                invalid("frontdesk.discovery.dns.servers[0]", "dns.internal:53",
                        "frontdesk.discovery.dns.servers[0]"),
                invalid("frontdesk.discovery.dns.servers[0]", "10.96.0.10:99999",
                        "frontdesk.discovery.dns.servers[0]"),
                invalid("frontdesk.compression.gzip-level", "10", "frontdesk.compression.gzip-level"),
                invalid("frontdesk.compression.types[0]", "html", "frontdesk.compression.types"),
                invalid("frontdesk.compression.routes.nosuchroute.enabled", "false",
                        "frontdesk.compression.routes.nosuchroute"));
    }

    /** A rule file whose second line names an operator the engine does not have. */
    private static String brokenRuleFile() {
        try {
            java.nio.file.Path file = java.nio.file.Files.createTempFile("broken", ".conf");
            java.nio.file.Files.writeString(file, "SecAction \"id:1,phase:1,pass\"\nSecRule ARGS \"@nosuch x\" \"id:2\"\n");
            file.toFile().deleteOnExit();
            return file.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSettings")
    void startUpFailsNamingTheKey(String expectedKey, GatewaySettings settings) {
        Throwable failure = catchThrowable(() -> RunningGateway.start(settings).close());

        assertThat(failure).as("start-up must fail").isNotNull();
        InvalidConfigurationException cause = findCause(failure);
        assertThat(cause).as("cause of %s", failure).isNotNull();
        assertThat(cause.key()).isEqualTo(expectedKey);
        FailureAnalysis analysis = new InvalidConfigurationFailureAnalyzer().analyze(failure);
        assertThat(analysis.getDescription()).startsWith("Invalid configuration: " + expectedKey + ": ")
                .doesNotContain("\n");
    }

    static Stream<Arguments> fixedChoices() {
        return Stream.of(
                Arguments.of("frontdesk.pools.web.algorithm", "fastest",
                        "round-robin, weighted-round-robin, least-requests, least-latency, consistent-hash"),
                Arguments.of("frontdesk.pools.web.discovery.type", "consul", "static, dns, service-registry"),
                Arguments.of("frontdesk.shield.limits.x.scope", "global", "local, cluster"),
                Arguments.of("frontdesk.shield.cluster.on-redis-failure", "panic", "local, open"),
                Arguments.of("frontdesk.shield.connections.proxy-protocol", "v3", "off, on, optional"),
                Arguments.of("frontdesk.shield.bans.response", "tarpit", "forbid, close"),
                Arguments.of("frontdesk.waf.mode", "maybe", "on, detection-only, off"),
                Arguments.of("frontdesk.waf.audit.mode", "verbose", "relevant, all, off"),
                Arguments.of("frontdesk.waf.budget.policy", "ignore", "refuse, pass"),
                Arguments.of("frontdesk.waf.routes.web.mode", "sometimes", "on, detection-only, off"),
                Arguments.of("frontdesk.compression.codings[0]", "zstd", "br, gzip"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixedChoices")
    void aFixedChoiceOutsideItsChoicesNamesTheKeyAndEveryChoice(String key, String value, String choices) {
        GatewaySettings settings = validPool().set("frontdesk.shield.limits.x.rate", "1/s").set(key, value);

        Throwable failure = catchThrowable(() -> RunningGateway.start(settings).close());

        assertThat(findCause(failure)).as("cause of %s", failure).isNotNull();
        assertThat(new InvalidConfigurationFailureAnalyzer().analyze(failure).getDescription()).isEqualTo(
                "Invalid configuration: " + key + ": must be one of " + choices + "; was '" + value + "'");
    }

    private static InvalidConfigurationException findCause(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidConfigurationException invalid) {
                return invalid;
            }
        }
        return null;
    }
}
