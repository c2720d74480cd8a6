package io.frontdesk.balancer;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.frontdesk.support.RawOrigin;
import io.netty.handler.codec.http.HttpMethod;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * A backend URL handed to Reactor Netty parsed reaches the backend as the same request line as
 * the text the framework's routing filter hands over.
 */
class BackendTargetTest {

    private static final ConnectionProvider CONNECTIONS = ConnectionProvider.create("backend-target-test", 1);
    private static final HttpClient CLIENT = HttpClient.create(CONNECTIONS);
    private static RawOrigin origin;

    @BeforeAll
    static void startOrigin() {
        origin = RawOrigin.start();
    }

    @AfterAll
    static void stopOrigin() throws Exception {
        origin.close();
        CONNECTIONS.disposeLater().block(Duration.ofSeconds(10));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/", "/plain", "/a%20b", "/a/./b/../c", "//double//slash", "/semi;p=1?a=b",
            "/q?x=1&y=%2F&z", "/empty?", "/query?", "/frag?a=1#part", "/frag#only", "/%E2%82%AC?%E2%82%AC=1",
            "/plus+sign?a+b=c+d", "/tilde~and'quote!$&()*,=:@", "/deep/x/y/z/w/v/u/t/s/r/q/p/o/n/m/l/k/j/i/h/g/f/e/d/c/b/a"})
    void theBackendReadsTheSameRequestLineAsFromTheText(String pathAndQuery) {
        URI url = URI.create(origin.url() + pathAndQuery);
        assertThat(BackendTarget.asParsed(url)).isTrue();

        String fromText = requestLine(CLIENT.request(HttpMethod.GET).uri(url.toASCIIString()));
        String parsed = requestLine(BackendTarget.applyTo(CLIENT.request(HttpMethod.GET), url));

        assertThat(parsed).isEqualTo(fromText);
    }

    @Test
    void urlsTheTwoWaysMightReadDifferentlyGoAsText() {
        assertThat(BackendTarget.asParsed(URI.create(origin.url() + "/caf\u00e9"))).isFalse();
        assertThat(BackendTarget.asParsed(URI.create(origin.url() + "/q?name=\u00e9"))).isFalse();
        assertThat(BackendTarget.asParsed(URI.create("http://user:secret@" + origin.id() + "/"))).isFalse();
        assertThat(BackendTarget.asParsed(URI.create("/relative"))).isFalse();

        URI nonAscii = URI.create(origin.url() + "/caf\u00e9?q=\u00e9");
        String fromText = requestLine(CLIENT.request(HttpMethod.GET).uri(nonAscii.toASCIIString()));
        assertThat(requestLine(BackendTarget.applyTo(CLIENT.request(HttpMethod.GET), nonAscii)))
                .isEqualTo(fromText)
                .contains("/caf%C3%A9?q=%C3%A9");
    }

    private static String requestLine(HttpClient.RequestSender sender) {
        int before = origin.received().size();
        sender.responseContent().aggregate().asString().block(Duration.ofSeconds(10));
        List<String> received = origin.received();
        assertThat(received).hasSize(before + 1);
        return received.get(before);
    }
}
