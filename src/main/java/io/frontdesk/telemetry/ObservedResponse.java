package io.frontdesk.telemetry;

import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The client response, knowing how many body bytes it carried. A body of declared length is
 * taken at its Content-Length, leaving the body stream untouched; only a body without one
 * (chunked) is counted as it passes.
 */
final class ObservedResponse extends ServerHttpResponseDecorator {

    private long bytes;

    ObservedResponse(ServerHttpResponse delegate) {
        super(delegate);
    }

    long bytes() {
        return bytes;
    }

    @Override
    public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
        long declared = getHeaders().getContentLength();
        if (declared >= 0) {
            bytes = declared;
            return super.writeWith(body);
        }
        if (body instanceof Mono<? extends DataBuffer> single) {
            // Kept a Mono: the server gives a single buffer its Content-Length, and keeps the connection.
            return super.writeWith(single.doOnNext(this::count));
        }
        return super.writeWith(Flux.from(body).doOnNext(this::count));
    }

    @Override
    public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
        return super.writeAndFlushWith(Flux.from(body).map(chunk -> Flux.from(chunk).doOnNext(this::count)));
    }

    private void count(DataBuffer buffer) {
        bytes += buffer.readableByteCount();
    }
}
