package io.frontdesk.waf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;

import io.frontdesk.waf.engine.Interruption;
import io.frontdesk.waf.engine.Transaction;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The response on its way to the client when responses are inspected: phase 3 on status and
 * headers before anything is written; for the media types the engine inspects, the body is held
 * up to the engine's response limit for phase 4, then written. A phase that blocks replaces the
 * response with the WAF's refusal.
 */
final class InspectedResponse extends ServerHttpResponseDecorator {

    private final Inspection inspection;

    InspectedResponse(ServerHttpResponse response, Inspection inspection) {
        super(response);
        this.inspection = inspection;
    }

    @Override
    public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
        Interruption atHeaders = inspection.responseHeaders();
        if (atHeaders != null) {
            return Flux.from(body).doOnNext(DataBufferUtils::release).then(inspection.refusal(atHeaders));
        }
        Transaction transaction = inspection.transaction();
        if (!transaction.wantsResponseBody()) {
            return super.writeWith(body);
        }
        List<DataBuffer> held = new ArrayList<>();
        boolean[] wanted = {true};
        long[] bytes = {0};
        return Flux.from(body).doOnNext(buffer -> {
            held.add(buffer);
            bytes[0] += buffer.readableByteCount();
            if (wanted[0]) {
                wanted[0] = inspection.timed(() -> transaction.appendResponseBody(
                        buffer.toString(StandardCharsets.ISO_8859_1)));
            }
        }).then(Mono.defer(() -> inspection.decided(transaction::processResponseBody, bytes[0])))
                .flatMap(atBody -> {
                    if (atBody.isPresent()) {
                        held.forEach(DataBufferUtils::release);
                        return inspection.refusal(atBody.get());
                    }
                    return super.writeWith(Flux.fromIterable(held));
                }).doOnCancel(() -> held.forEach(DataBufferUtils::release));
    }

    @Override
    public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
        return writeWith(Flux.from(body).concatMap(Flux::from));
    }
}
