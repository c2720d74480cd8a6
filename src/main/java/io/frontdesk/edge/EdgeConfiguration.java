package io.frontdesk.edge;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.config.GlobalCorsProperties;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.handler.FilteringWebHandler;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.accept.ApiVersionStrategy;

import io.frontdesk.config.EdgeProperties;
import io.frontdesk.config.FrontdeskProperties;
import io.micrometer.core.instrument.MeterRegistry;

/** Wires the edge: route matching, client identity, header hygiene, timeouts check and problem responses. */
@Configuration(proxyBeanMethods = false)
public class EdgeConfiguration {

    @Bean
    static FrameworkHeaderFilters frameworkHeaderFilters() {
        return new FrameworkHeaderFilters();
    }

    @Bean
    FirstMatchRouteMapping routePredicateHandlerMapping(FilteringWebHandler webHandler, RouteLocator routes,
            GlobalCorsProperties cors, Environment environment, ObjectProvider<ApiVersionStrategy> versions) {
        FirstMatchRouteMapping mapping = new FirstMatchRouteMapping(webHandler, routes, cors, environment);
        versions.ifAvailable(mapping::setApiVersionStrategy);
        return mapping;
    }

    @Bean
    TrustedProxies trustedProxies(FrontdeskProperties properties) {
        return TrustedProxies.parse(properties.edge().trustedProxies());
    }

    @Bean
    EdgeIdentityFilter edgeIdentityFilter(TrustedProxies trustedProxies, FrontdeskProperties properties) {
        return new EdgeIdentityFilter(trustedProxies, properties.edge().requestIdHeader());
    }

    @Bean
    BackendRequestHeadersFilter backendRequestHeadersFilter(TrustedProxies trustedProxies,
            FrontdeskProperties properties) {
        EdgeProperties edge = properties.edge();
        return new BackendRequestHeadersFilter(trustedProxies, edge.requestIdHeader(),
                properties.tls().clientIdentityHeader(), edge.forwardedHeader());
    }

    @Bean
    ClientResponseHeadersFilter clientResponseHeadersFilter(FrontdeskProperties properties) {
        return new ClientResponseHeadersFilter(properties.edge().hideResponseHeaders(),
                properties.edge().requestIdHeader());
    }

    @Bean
    ConnectRefusalFilter connectRefusalFilter() {
        return new ConnectRefusalFilter();
    }

    @Bean
    ExchangeEndFilter exchangeEndFilter() {
        return new ExchangeEndFilter();
    }

    @Bean
    FramingRefusals framingRefusals(MeterRegistry registry) {
        return new FramingRefusals(registry);
    }

    @Bean
    RequestFramingFilter requestFramingFilter(FramingRefusals refusals) {
        return new RequestFramingFilter(refusals);
    }

    @Bean
    DecodingFailures decodingFailures(FrontdeskProperties properties, ObjectProvider<RefusedHead.Listener> listeners,
            FramingRefusals refusals) {
        return new DecodingFailures(properties.edge().requestIdHeader(), listeners.orderedStream().toList(), refusals);
    }

    @Bean
    NextRequestReading nextRequestReading() {
        return new NextRequestReading();
    }

    @Bean
    RequestTargetEscaping requestTargetEscaping() {
        return new RequestTargetEscaping();
    }



    @Bean
    ManagementPort managementPort() {
        return new ManagementPort();
    }

    @Bean
    ProblemResponses problemResponses() {
        return new ProblemResponses();
    }

    @Bean
    ProblemFilter problemFilter(ProblemResponses problems) {
        return new ProblemFilter(problems);
    }

    @Bean
    @Order(-2)
    ProblemExceptionHandler problemExceptionHandler(ProblemResponses problems) {
        return new ProblemExceptionHandler(problems);
    }

    @Bean
    RouteTimeoutsValidator routeTimeoutsValidator(GatewayProperties gateway, HttpClientProperties httpClient) {
        return new RouteTimeoutsValidator(gateway.getRoutes(), httpClient);
    }
}
