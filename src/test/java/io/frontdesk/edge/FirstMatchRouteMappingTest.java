package io.frontdesk.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.handler.RoutePredicateHandlerMapping;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.frontdesk.support.GatewaySettings;
import io.frontdesk.support.GatewaySettings.Route;
import io.frontdesk.support.RunningGateway;
import io.frontdesk.support.TestBackend;

class FirstMatchRouteMappingTest {

    private final TestBackend api = TestBackend.start("api");
    private final TestBackend web = TestBackend.start("web");

    @AfterEach
    void stopBackends() {
        List.of(api, web).forEach(TestBackend::close);
    }

    @Test
    void aRequestTakesTheFirstRouteInOrderWhosePredicateHolds() {
        GatewaySettings settings = GatewaySettings.empty().pool("api", api).pool("web", web)
                .route(Route.to("web").order(2))
                .route(Route.to("api").path("/api/**").order(1));
        try (RunningGateway gateway = RunningGateway.start(settings)) {
            assertThat(gateway.context().getBean(RoutePredicateHandlerMapping.class))
                    .isInstanceOf(FirstMatchRouteMapping.class);

            assertThat(gateway.get("/api/orders").statusCode()).isEqualTo(200);
            assertThat(gateway.get("/index.html").statusCode()).isEqualTo(200);
            assertThat(gateway.get("/api/customers").statusCode()).isEqualTo(200);

            assertThat(api.requests()).as("requests the api route took, ordered first").isEqualTo(2);
            assertThat(web.requests()).as("requests only the catch-all route matched").isEqualTo(1);
        }
    }

    @Test
    void aRouteWithSeveralPredicatesTakesTheRequestsAllOfThemHoldFor() {
        GatewaySettings settings = GatewaySettings.empty().pool("api", api).pool("web", web)
                .route(Route.to("web").order(3))
                .route(Route.to("api").id("api-posts").predicates("Path=/api/**", "Method=POST").order(1))
                .route(Route.to("web").id("web-api").path("/api/**").order(2));
        try (RunningGateway gateway = RunningGateway.start(settings)) {
            assertThat(post(gateway, "/api/orders").statusCode()).isEqualTo(200);
            assertThat(gateway.get("/api/orders").statusCode()).isEqualTo(200);
            assertThat(gateway.get("/index.html").statusCode()).isEqualTo(200);
            assertThat(post(gateway, "/api/customers").statusCode()).isEqualTo(200);

            assertThat(api.requests()).as("the POSTs, which the first route's two predicates take").isEqualTo(2);
            assertThat(web.requests()).as("the GETs, which the routes after it take").isEqualTo(2);
        }
    }

    @Test
    void routesAfterOneWhosePredicateReadsTheBodyAreStillAskedInOrder() {
        GatewaySettings settings = GatewaySettings.empty().pool("api", api).pool("web", web)
                .route(Route.to("web").id("web-api").path("/api/**").order(2));
        try (RunningGateway gateway = RunningGateway.start(settings, OrderBodies.class)) {
            // The body comes after the 100 (Continue) the gateway sends once the predicate reads it.
            assertThat(postExpectingContinue(gateway, "/api/orders", "{\"order\": 7}").statusCode()).isEqualTo(200);
            assertThat(postExpectingContinue(gateway, "/api/orders", "{\"customer\": 3}").statusCode()).isEqualTo(200);
            assertThat(postExpectingContinue(gateway, "/api/orders", "{\"order\": 8}").statusCode()).isEqualTo(200);

            assertThat(api.requests()).as("the orders, which the body-reading route takes").isEqualTo(2);
            assertThat(web.requests()).as("the body the first route refused, taken by the route after it").isEqualTo(1);
        }
    }

    /** A route, ordered first, for the bodies that hold an order. */
    @Configuration(proxyBeanMethods = false)
    static class OrderBodies {

        @Bean
        RouteLocator orderBodies(RouteLocatorBuilder routes) {
            return routes.routes().route("api-orders", route -> route.order(1)
                    .readBody(String.class, body -> body.contains("\"order\"")).uri("lb://api")).build();
        }
    }

    private static HttpResponse<String> postExpectingContinue(RunningGateway gateway, String path, String body) {
        return gateway.send(gateway.request(path, "Content-Type", "application/json").expectContinue(true)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static HttpResponse<String> post(RunningGateway gateway, String path) {
        return gateway.send(gateway.request(path, "Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
    }

    @Test
    void aRequestNoRouteTakesIsNotFound() {
        GatewaySettings settings = GatewaySettings.empty().pool("api", api)
                .route(Route.to("api").path("/api/**"));
        try (RunningGateway gateway = RunningGateway.start(settings)) {
            assertThat(gateway.get("/elsewhere").statusCode()).isEqualTo(404);
            assertThat(api.requests()).isZero();
        }
    }
}
