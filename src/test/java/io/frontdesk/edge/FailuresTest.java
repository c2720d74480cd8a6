package io.frontdesk.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.support.ServiceUnavailableException;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.netty.handler.timeout.ReadTimeoutException;
import reactor.netty.channel.AbortedException;

/**
 * How failures on the way to a backend are told apart, and what the client is told. Closes
 * before and during a response are covered on real sockets by the retry tests.
 */
class FailuresTest {

    @Test
    void requestsThatNeverLeftAreConnectFailures() {
        assertThat(Failures.kindOf(new ConnectException("refused"))).isEqualTo(Failures.Kind.NEVER_SENT);
        assertThat(Failures.kindOf(AbortedException.beforeSend())).isEqualTo(Failures.Kind.NEVER_SENT);
        assertThat(Failures.statusOf(new ConnectException("refused"))).isEqualTo(502);
    }

    @Test
    void timeoutsAre504() {
        assertThat(Failures.kindOf(ReadTimeoutException.INSTANCE)).isEqualTo(Failures.Kind.TIMEOUT);
        ResponseStatusException routeTimeout = new ResponseStatusException(HttpStatus.GATEWAY_TIMEOUT, "slow",
                new TimeoutException());
        assertThat(Failures.kindOf(routeTimeout)).isEqualTo(Failures.Kind.TIMEOUT);
        assertThat(Failures.statusOf(ReadTimeoutException.INSTANCE)).isEqualTo(504);
    }

    @Test
    void anInvalidResponseFromTheBackendIsAProtocolFailureAnd502() {
        BackendProtocolException invalid = new BackendProtocolException("The backend sent an invalid response head",
                new NumberFormatException("2OO"));
        assertThat(Failures.kindOf(invalid)).isEqualTo(Failures.Kind.PROTOCOL);
        assertThat(Failures.statusOf(invalid)).isEqualTo(502);
        assertThat(Failures.detailOf(invalid)).isEqualTo("The backend's response was not valid HTTP.");
    }

    @Test
    void anOpenCircuitIs503() {
        CallNotPermittedException refused = CallNotPermittedException
                .createCallNotPermittedException(CircuitBreaker.ofDefaults("test"));
        assertThat(Failures.statusOf(refused)).isEqualTo(503);
        assertThat(Failures.statusOf(new ServiceUnavailableException())).isEqualTo(503);
        assertThat(Failures.detailOf(new ServiceUnavailableException())).contains("circuit breaker is open");
    }

    @Test
    void clientErrorsKeepTheirStatusAndBugsAre500WithoutInternals() {
        assertThat(Failures.statusOf(new ResponseStatusException(HttpStatus.NOT_FOUND))).isEqualTo(404);
        assertThat(Failures.kindOf(new IllegalStateException("secret.internal:8080"))).isEqualTo(Failures.Kind.OTHER);
        assertThat(Failures.statusOf(new IllegalStateException("secret.internal:8080"))).isEqualTo(500);
        assertThat(Failures.detailOf(new IllegalStateException("secret.internal:8080"))).doesNotContain("secret");
    }
}
