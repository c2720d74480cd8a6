package io.frontdesk.balancer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;

class PlainHttpClientTest {

    @Test
    void h2BesideHttp11IsTakenOutOnceForPlainHttpBackends() {
        HttpClient shared = HttpClient.create().protocol(HttpProtocol.HTTP11, HttpProtocol.H2);

        HttpClient plain = BackendRoutingFilter.forPlainHttp(shared);

        assertThat(plain.configuration().protocols()).containsExactly(HttpProtocol.HTTP11);
        assertThat(shared.configuration().protocols()).containsExactly(HttpProtocol.HTTP11, HttpProtocol.H2);
    }

    @Test
    void tlsIsTakenOutForPlainHttpBackends() {
        HttpClient shared = HttpClient.create().secure();

        HttpClient plain = BackendRoutingFilter.forPlainHttp(shared);

        assertThat(plain.configuration().sslProvider()).isNull();
        assertThat(shared.configuration().sslProvider()).isNotNull();
    }

    @Test
    void aClientFitForPlainHttpIsUsedAsItIs() {
        HttpClient shared = HttpClient.create().protocol(HttpProtocol.HTTP11, HttpProtocol.H2C);

        assertThat(BackendRoutingFilter.forPlainHttp(shared)).isSameAs(shared);
    }

    @Test
    void anH2OnlyClientIsLeftToRefusePlainHttpAsItDoes() {
        HttpClient shared = HttpClient.create().protocol(HttpProtocol.H2);

        assertThat(BackendRoutingFilter.forPlainHttp(shared).configuration().protocols())
                .containsExactly(HttpProtocol.H2);
    }
}
