package io.frontdesk.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.frontdesk.support.RawHttp;
import io.frontdesk.support.GatewaySettings;
import io.frontdesk.support.GatewaySettings.Route;
import io.frontdesk.support.RunningGateway;
import io.frontdesk.support.TestBackend;

/**
 * Fixed-choice settings in an application.yml as a person writes them: YAML 1.1 reads an
 * unquoted {@code on}, {@code yes}, {@code off} or {@code no} as a boolean, and the gateway
 * still takes it for the choice it names.
 */
@ExtendWith(OutputCaptureExtension.class)
class WrittenChoicesTest {

    private static final String ATTACK = "GET /?q=<script>alert(1)</script> HTTP/1.1\r\nHost: localhost";

    /** One per gateway: closing a gateway stops the event loops a backend of the same JVM shares. */
    private final TestBackend backend = TestBackend.start("web");

    @TempDir
    Path directory;

    @AfterEach
    void stopBackend() {
        backend.close();
    }

    private RunningGateway startWith(String yaml) throws IOException {
        Path file = Files.writeString(directory.resolve("application.yml"), yaml);
        return RunningGateway.start(GatewaySettings.empty().pool("web", backend).route(Route.to("web"))
                .set("spring.config.additional-location", "file:" + file));
    }

    @ParameterizedTest(name = "mode: {0}")
    @CsvSource({"off, 200", "no, 200", "on, 403", "yes, 403"})
    void theWafModeTakesABareWord(String word, int status) throws IOException {
        try (RunningGateway gateway = startWith("frontdesk:\n  waf:\n    mode: " + word + "\n")) {
            assertThat(RawHttp.exchange(gateway.port(), ATTACK).status()).isEqualTo(status);
        }
    }

    @Test
    void aRouteTurnsItsWafOffWithABareWord() throws IOException {
        try (RunningGateway gateway = startWith("frontdesk:\n  waf:\n    routes:\n      web:\n        mode: off\n")) {
            assertThat(RawHttp.exchange(gateway.port(), ATTACK).status()).isEqualTo(200);
        }
    }

    @Test
    void proxyProtocolTurnsOnWithABareWord() throws IOException {
        try (RunningGateway gateway = startWith("frontdesk:\n  shield:\n    connections:\n      proxy-protocol: on\n")) {
            RawHttp.Response response = RawHttp.exchange(gateway.port(),
                    "PROXY TCP4 203.0.113.9 127.0.0.1 56324 443\r\nGET / HTTP/1.1\r\nHost: localhost");
            assertThat(response.status()).isEqualTo(200);
            List<TestBackend.Received> received = backend.received();
            assertThat(received.get(received.size() - 1).header("x-forwarded-for")).isEqualTo("203.0.113.9");
        }
    }

    @Test
    void aBareWordThatNamesNoChoiceStopsStartUpWithOneSentence(CapturedOutput output) {
        Throwable failure = catchThrowable(() -> startWith("frontdesk:\n  waf:\n    audit:\n      mode: on\n").close());

        assertThat(failure).isNotNull();
        assertThat(output.getOut()).contains("Invalid configuration: frontdesk.waf.audit.mode: must be one of"
                + " relevant, all, off; was true (YAML reads an unquoted on or yes as true)")
                .doesNotContain("Failed to bind");
    }
}
