package io.frontdesk.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.handler.RoutePredicateHandlerMapping;

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
}
