package io.frontdesk.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/** Fields go straight into the client's response only while its headers are the server response's own. */
class ClientResponseFieldsTest {

    private DisposableServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.disposeNow();
        }
    }

    @Test
    void fieldsAddedToTheServersResponseAreSent() throws Exception {
        String head = headAnswering(response -> response);
        assertThat(head).contains("\r\nX-Added: 1\r\n").contains("\r\nX-Added: 2\r\n").contains("\r\nX-Found: yes\r\n");
    }

    @Test
    void aDecoratorThatKeepsTheHeadersGivesThemToo() throws Exception {
        String head = headAnswering(ServerHttpResponseDecorator::new);
        assertThat(head).contains("\r\nX-Added: 1\r\n").contains("\r\nX-Found: yes\r\n");
    }

    @Test
    void aDecoratorWithHeadersOfItsOwnGivesNone() throws Exception {
        HttpHeaders own = new HttpHeaders();
        String head = headAnswering(response -> new ServerHttpResponseDecorator(response) {
            @Override
            public HttpHeaders getHeaders() {
                return own;
            }
        });
        assertThat(head).doesNotContain("X-Added").doesNotContain("X-Found");
    }

    @Test
    void aCommittedResponseGivesNone() throws Exception {
        CompletableFuture<Boolean> foundAfterCommit = new CompletableFuture<>();
        server = HttpServer.create().host("127.0.0.1").port(0)
                .handle(new ReactorHttpHandlerAdapter((request, response) -> response.setComplete()
                        .then(Mono.fromRunnable(() -> foundAfterCommit.complete(ClientResponseFields.of(response) != null)))))
                .bindNow();
        exchangeHead();
        assertThat(foundAfterCommit.get(10, TimeUnit.SECONDS)).isFalse();
    }

    /** The head of the answer of a handler that adds two fields through the fields the wrapped response gives. */
    private String headAnswering(Function<ServerHttpResponse, ServerHttpResponse> wrapping) throws Exception {
        server = HttpServer.create().host("127.0.0.1").port(0)
                .handle(new ReactorHttpHandlerAdapter((request, response) -> {
                    ServerHttpResponse wrapped = wrapping.apply(response);
                    io.netty.handler.codec.http.HttpHeaders fields = ClientResponseFields.of(wrapped);
                    if (fields != null) {
                        fields.add("X-Added", "1").add("X-Added", "2").add("X-Found", "yes");
                    }
                    return wrapped.setComplete();
                }))
                .bindNow();
        return exchangeHead();
    }

    private String exchangeHead() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            return answer.substring(0, answer.indexOf("\r\n\r\n") + 2);
        }
    }
}
