package io.frontdesk.telemetry;

import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;

import reactor.core.publisher.Flux;

/** The client response, counting the body bytes written to it. */
final class ObservedResponse extends ServerHttpResponseDecorator {

    private long bytes;

    ObservedResponse(ServerHttpResponse delegate) {
        super(delegate);
    }

    long bytes() {
        return bytes;
    }

    @Override
    public reactor.core.publisher.Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
        return super.writeWith(Flux.from(body).doOnNext(this::count));
    }

    @Override
    public reactor.core.publisher.Mono<Void> writeAndFlushWith(
            Publisher<? extends Publisher<? extends DataBuffer>> body) {
        return super.writeAndFlushWith(Flux.from(body).map(chunk -> Flux.from(chunk).doOnNext(this::count)));
    }

    private void count(DataBuffer buffer) {
        bytes += buffer.readableByteCount();
    }
}
