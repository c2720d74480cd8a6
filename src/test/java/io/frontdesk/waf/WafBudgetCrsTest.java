package io.frontdesk.waf;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.frontdesk.support.GatewaySettings;
import io.frontdesk.support.GatewaySettings.Route;
import io.frontdesk.support.RunningGateway;
import io.frontdesk.support.TestBackend;
import io.frontdesk.waf.conformance.ftw.CrsReleases;

/**
 * The default budget against the costliest ordinary request the project measures: a 64 KiB JSON
 * body under CRS v4 at paranoia level 1, from the first request after start, when the rules have
 * not been compiled yet and cost about twice what they cost later.
 */
class WafBudgetCrsTest {

    @TempDir
    static Path directory;
    @AutoClose
    private static final TestBackend backend = TestBackend.start("web");

    @Test
    void aBenign64KiBJsonRequestUnderCrsStaysWithinTheDefaultBudget() {
        Path crs = CrsReleases.release(CrsReleases.V4);
        try (RunningGateway gateway = RunningGateway.start(GatewaySettings.empty().pool("web", backend)
                .route(Route.to("web")).set("frontdesk.waf.crs.directory", crs.toString())
                .set("frontdesk.waf.paranoia-level", "1")
                .set("frontdesk.waf.audit.path", directory.resolve("crs-audit.log").toString()))) {
            StringBuilder json = new StringBuilder("{\"order\":{\"customer\":\"Jane Doe\",\"items\":[");
            for (int i = 0; json.length() < 65_000; i++) {
                json.append(i == 0 ? "" : ",").append("{\"sku\":\"BK-").append(10_000 + i)
                        .append("\",\"title\":\"A novel in paperback\",\"quantity\":2,\"price\":12.5}");
            }
            String body = json.append("]}}").toString();
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> response = gateway.send(gateway.request("/api/orders", "Content-Type",
                        "application/json", "Accept", "application/json", "User-Agent", "Mozilla/5.0 (X11; Linux x86_64)")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
                assertThat(response.statusCode()).as("request %d after start", i + 1).isEqualTo(200);
            }
            assertThat(metrics(gateway)).containsPattern("frontdesk_waf_budget_exhausted_total\\{[^}]*\\} 0");
            assertThat(metrics(gateway)).doesNotContainPattern("frontdesk_waf_budget_exhausted_total\\{[^}]*\\} [1-9]");
        }
    }

    private static String metrics(RunningGateway gateway) {
        return gateway.getManagement("/actuator/prometheus").body();
    }
}
