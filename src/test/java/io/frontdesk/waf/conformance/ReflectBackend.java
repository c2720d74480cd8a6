package io.frontdesk.waf.conformance;

import java.nio.charset.StandardCharsets;

import io.frontdesk.waf.conformance.ftw.ByteStrings;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/** The CRS test backend over real HTTP on loopback: each request answered as {@link Reflection} says. */
final class ReflectBackend implements AutoCloseable {

    private final DisposableServer server;

    private ReflectBackend(DisposableServer server) {
        this.server = server;
    }

    static ReflectBackend start() {
        return new ReflectBackend(HttpServer.create().host("127.0.0.1").port(0).handle((request, response) ->
                request.receive().aggregate().asByteArray().defaultIfEmpty(new byte[0]).flatMap(body -> {
                    Reflection answer = Reflection.answer(request.method().name(), request.uri(), ByteStrings.of(body));
                    response.status(answer.status());
                    answer.headers().forEach(response::header);
                    return response.sendByteArray(Mono.just(answer.body().getBytes(StandardCharsets.ISO_8859_1)))
                            .then();
                })).bindNow());
    }

    String url() {
        return "http://127.0.0.1:" + server.port();
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
