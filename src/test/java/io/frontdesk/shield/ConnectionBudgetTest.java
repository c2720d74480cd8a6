package io.frontdesk.shield;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import io.frontdesk.config.ShieldProperties.ConnectionProperties;
import io.frontdesk.config.ShieldProperties.ProxyProtocol;

/** The bounds that come from the file-descriptor limit when none are configured. */
class ConnectionBudgetTest {

    private static ConnectionProperties settings(Integer maxPerClient, Integer maxTotal, ProxyProtocol proxyProtocol) {
        return new ConnectionProperties(Duration.ofSeconds(60), maxPerClient, maxTotal, Duration.ofSeconds(5), 64,
                proxyProtocol);
    }

    @ParameterizedTest(name = "{0} descriptors: max-total {1}")
    @CsvSource({
            // (limit - 256 - 64) / 2
            "1048576, 524128",
            "65536, 32608",
            "20000, 9840",
            "1024, 352",
            // below twice the reserve, half the limit is reserved
            "512, 128",
            "2, 1",
            // unknown: no bound
            "-1, 0" })
    void maxTotalLeavesTheReserveAndRoomForABackendConnectionEach(long descriptors, int maxTotal) {
        ConnectionBudget budget = ConnectionBudget.of(settings(null, null, ProxyProtocol.OFF), descriptors);
        assertThat(budget.maxTotal()).isEqualTo(maxTotal);
        assertThat(budget.derived()).isTrue();
    }

    @Test
    void theSummarySaysHowMaxTotalCameAbout() {
        assertThat(ConnectionBudget.of(settings(null, null, ProxyProtocol.OFF), 20000).summary())
                .isEqualTo("max-total 9840 = (20000 file descriptors - 320 reserved) / 2, max-per-client 256,"
                        + " management port 64");
        assertThat(ConnectionBudget.of(settings(0, 0, ProxyProtocol.OFF), 20000).summary())
                .isEqualTo("max-total no bound (configured), max-per-client none, management port 64");
    }

    @Test
    void configuredBoundsWinAndZeroMeansNone() {
        ConnectionBudget budget = ConnectionBudget.of(settings(0, 0, ProxyProtocol.OFF), 20000);
        assertThat(budget.maxTotal()).isZero();
        assertThat(budget.maxPerClient()).isZero();
        assertThat(budget.pressureAt()).isZero();
        assertThat(ConnectionBudget.of(settings(10, 100, ProxyProtocol.OFF), 20000))
                .returns(100, ConnectionBudget::maxTotal).returns(10, ConnectionBudget::maxPerClient)
                .returns(80, ConnectionBudget::pressureAt).returns(95, ConnectionBudget::reclaimAt);
    }

    @Test
    void withProxyProtocolTheTcpPeerIsTheLoadBalancerSoThereIsNoDefaultPerClientBound() {
        assertThat(ConnectionBudget.of(settings(null, null, ProxyProtocol.OFF), 20000).maxPerClient()).isEqualTo(256);
        assertThat(ConnectionBudget.of(settings(null, null, ProxyProtocol.ON), 20000).maxPerClient()).isZero();
        assertThat(ConnectionBudget.of(settings(null, null, ProxyProtocol.OPTIONAL), 20000).maxPerClient()).isZero();
    }
}
