package io.frontdesk.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/** The client's fields are walked as Netty holds them only while the request's headers are theirs. */
class ClientRequestFieldsTest {

    private DisposableServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.disposeNow();
        }
    }

    @Test
    void theServersRequestGivesItsFieldsInTheOrderSent() throws Exception {
        assertThat(answerTo(request -> describe(ClientRequestFields.of(request, request.getHeaders()))))
                .isEqualTo("X-First=1|X-Second=2|X-First=3");
    }

    @Test
    void aDecoratorThatKeepsTheHeadersGivesThemToo() throws Exception {
        assertThat(answerTo(request -> {
            ServerHttpRequest decorated = new ServerHttpRequestDecorator(request);
            return describe(ClientRequestFields.of(decorated, decorated.getHeaders()));
        })).isEqualTo("X-First=1|X-Second=2|X-First=3");
    }

    @Test
    void headersAFilterChangedAreNotTheFields() throws Exception {
        assertThat(answerTo(request -> {
            ServerHttpRequest mutated = request.mutate().header("X-Added", "4").build();
            return describe(ClientRequestFields.of(mutated, mutated.getHeaders()));
        })).isEqualTo("none");
        assertThat(answerTo(request -> {
            HttpHeaders own = new HttpHeaders();
            own.add("X-Own", "5");
            ServerHttpRequest decorated = new ServerHttpRequestDecorator(request) {
                @Override
                public HttpHeaders getHeaders() {
                    return own;
                }
            };
            return describe(ClientRequestFields.of(decorated, decorated.getHeaders()));
        })).isEqualTo("none");
    }

    private String answerTo(java.util.function.Function<ServerHttpRequest, String> handler) throws Exception {
        server = HttpServer.create().host("127.0.0.1").port(0)
                .handle(new ReactorHttpHandlerAdapter((request, response) -> response.writeWith(Mono.just(
                        response.bufferFactory().wrap(handler.apply(request).getBytes(StandardCharsets.UTF_8))))))
                .bindNow();
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET / HTTP/1.1\r\nHost: x\r\nX-First: 1\r\nX-Second: 2\r\nX-First: 3\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return answer.substring(answer.indexOf("\r\n\r\n") + 4);
        }
    }

    private static String describe(io.netty.handler.codec.http.HttpHeaders fields) {
        if (fields == null) {
            return "none";
        }
        List<String> sent = new ArrayList<>();
        for (Map.Entry<String, String> field : fields) {
            if (field.getKey().startsWith("X-")) {
                sent.add(field.getKey() + "=" + field.getValue());
            }
        }
        return String.join("|", sent);
    }
}
