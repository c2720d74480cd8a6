package io.frontdesk.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebHandler;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

class WebFilterSequenceTest {

    private final HttpClient client = HttpClient.newHttpClient();
    private DisposableServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.disposeNow();
        }
    }

    @Test
    void eachFilterHandsTheExchangeItMadeToTheNextAndTheLastToTheHandler() {
        serve(List.of(adding("first"), adding("second"), adding("third")));

        HttpResponse<String> response = get();

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("[first, second, third]");
    }

    @Test
    void anExceptionThrownByAFilterReachesTheFiltersAroundItAsAnError() {
        WebFilter answeringFailures = (exchange, chain) -> chain.filter(exchange).onErrorResume(error -> {
            exchange.getResponse().setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
            return write(exchange, error.getMessage());
        });
        WebFilter throwing = (exchange, chain) -> {
            throw new IllegalStateException("thrown by a filter");
        };

        serve(List.of(answeringFailures, adding("before"), throwing, adding("never")));

        HttpResponse<String> response = get();
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).isEqualTo("thrown by a filter");
    }

    @Test
    void aFilterThatAnswersItselfEndsTheSequence() {
        AtomicInteger handled = new AtomicInteger();
        WebFilter answering = (exchange, chain) -> write(exchange, "answered by a filter");

        serve(List.of(adding("before"), answering, adding("never")), exchange -> {
            handled.incrementAndGet();
            return write(exchange, "handler");
        });

        assertThat(get().body()).isEqualTo("answered by a filter");
        assertThat(handled).hasValue(0);
    }

    @Test
    void everyRequestRunsTheWholeSequenceAgain() {
        AtomicInteger runs = new AtomicInteger();
        WebFilter counting = (exchange, chain) -> {
            runs.incrementAndGet();
            return chain.filter(exchange);
        };
        serve(List.of(counting, adding("only")));

        for (int i = 0; i < 3; i++) {
            assertThat(get().body()).isEqualTo("[only]");
        }
        assertThat(runs).hasValue(3);
    }

    private static WebFilter adding(String name) {
        return (exchange, chain) -> chain.filter(exchange.mutate()
                .request(request -> request.headers(headers -> headers.add("X-Filters", name))).build());
    }

    private void serve(List<WebFilter> filters) {
        serve(filters, exchange -> write(exchange,
                String.valueOf(exchange.getRequest().getHeaders().getOrEmpty("X-Filters"))));
    }

    private void serve(List<WebFilter> filters, WebHandler handler) {
        var httpHandler = WebHttpHandlerBuilder.webHandler(handler).filter(new WebFilterSequence(filters)).build();
        server = HttpServer.create().host("127.0.0.1").port(0).handle(new ReactorHttpHandlerAdapter(httpHandler))
                .bindNow();
    }

    private static Mono<Void> write(ServerWebExchange exchange, String body) {
        DataBuffer buffer = exchange.getResponse().bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8));
        return exchange.getResponse().writeWith(Mono.just(buffer));
    }

    private HttpResponse<String> get() {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/")).build();
        return HttpCalls.send(client, request);
    }
}
