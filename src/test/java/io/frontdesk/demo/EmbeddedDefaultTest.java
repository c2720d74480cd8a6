package io.frontdesk.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.frontdesk.balancer.BackendPools;
import io.frontdesk.support.FreePort;
import io.frontdesk.support.GatewaySettings;
import io.frontdesk.support.GatewaySettings.Route;
import io.frontdesk.support.RunningGateway;
import io.frontdesk.support.TestBackend;

/** The embedded default serves the demo; any route of the user's turns it off. */
class EmbeddedDefaultTest {

    private static GatewaySettings demoOnFreePorts() {
        int[] ports = FreePort.find(3);
        return GatewaySettings.empty().set("frontdesk.demo.ports[0]", Integer.toString(ports[0]))
                .set("frontdesk.demo.ports[1]", Integer.toString(ports[1]))
                .set("frontdesk.demo.ports[2]", Integer.toString(ports[2]));
    }

    @Test
    void withoutRoutesTheDemoPoolAnswersAndServesCacheableAssets() {
        try (RunningGateway gateway = RunningGateway.start(demoOnFreePorts())) {
            Set<String> instances = new HashSet<>();
            for (int i = 0; i < 6; i++) {
                HttpResponse<String> response = gateway.get("/");
                assertThat(response.statusCode()).isEqualTo(200);
                instances.add(response.headers().firstValue("X-Backend-Instance").orElseThrow());
            }
            assertThat(instances).containsExactlyInAnyOrder("demo-1", "demo-2", "demo-3");

            HttpResponse<String> logo = gateway.get("/static/logo.svg");
            assertThat(logo.statusCode()).isEqualTo(200);
            assertThat(logo.headers().firstValue("Content-Type")).hasValue("image/svg+xml");
            assertThat(logo.headers().firstValue("Cache-Control")).hasValue("public, max-age=3600");
            assertThat(logo.headers().firstValue("Last-Modified")).isPresent();
            String etag = logo.headers().firstValue("ETag").orElseThrow();
            HttpResponse<String> revalidated = gateway.send(HttpRequest.newBuilder(gateway.uri("/static/logo.svg"))
                    .header("If-None-Match", etag).build());
            assertThat(revalidated.statusCode()).isEqualTo(304);
            assertThat(revalidated.headers().firstValue("Cache-Status")).as("answered by the cache")
                    .hasValueSatisfying(status -> assertThat(status).startsWith("Frontdesk; hit"));

            gateway.get("/static/app.js", "Accept-Encoding", "gzip");
            HttpResponse<String> compressedHit = gateway.get("/static/app.js", "Accept-Encoding", "gzip");
            assertThat(compressedHit.headers().firstValue("Content-Encoding")).as("the README tour's compressed hit")
                    .hasValue("gzip");
            assertThat(compressedHit.headers().firstValue("Cache-Status"))
                    .hasValueSatisfying(status -> assertThat(status).startsWith("Frontdesk; hit"));

            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                statuses.add(gateway.get("/").statusCode());
            }
            assertThat(statuses).as("10/s with bursts of 20 per client").contains(200, 429).containsOnly(200, 429);
        }
    }

    @Test
    void aRouteOfTheUsersTurnsTheDemoOff() {
        try (TestBackend backend = TestBackend.start("mine");
                RunningGateway gateway = RunningGateway.start(GatewaySettings.empty().pool("mine", backend)
                        .route(Route.to("mine")))) {
            assertThat(gateway.context().getBeansOfType(DemoBackends.class)).isEmpty();
            assertThat(gateway.context().getBean(BackendPools.class).get("demo")).isNull();
            assertThat(gateway.get("/").headers().firstValue("X-Backend-Instance")).hasValue("mine");
        }
    }
}
