package io.frontdesk.compression;

import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;

import io.frontdesk.compression.Compressibility.Outcome;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The backend's response on its way out, compressed when {@link Compressibility} says so: the
 * coding named in Content-Encoding, Content-Length dropped (the body goes out chunked, as it is
 * compressed), a strong ETag made weak (the bytes are no longer the backend's), Accept-Ranges
 * dropped, and {@code Vary: Accept-Encoding} on every answer that depended on it.
 */
final class CompressingResponse extends ServerHttpResponseDecorator {

    private final ServerHttpRequest request;
    private final CompressionPolicy policy;
    private final CompressionMetrics metrics;
    private final String route;

    CompressingResponse(ServerHttpRequest request, ServerHttpResponse response, CompressionPolicy policy,
            CompressionMetrics metrics, String route) {
        super(response);
        this.request = request;
        this.policy = policy;
        this.metrics = metrics;
        this.route = route;
    }

    @Override
    public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
        HttpHeaders headers = getHeaders();
        HttpStatusCode statusCode = getStatusCode();
        int status = statusCode == null ? 200 : statusCode.value();
        if (status == 304) {
            if (Compressibility.confirmsCompressed(request.getHeaders(), headers)) {
                weakenETag(headers);
                varyOnAcceptEncoding(headers);
            }
            return super.writeWith(body);
        }
        Outcome outcome = Compressibility.decide(policy, request.getHeaders(), status, headers);
        if (outcome.variesOnAcceptEncoding()) {
            varyOnAcceptEncoding(headers);
        }
        Coding coding = outcome.coding();
        if (coding == null) {
            return super.writeWith(body);
        }
        headers.set(HttpHeaders.CONTENT_ENCODING, coding.token());
        headers.remove(HttpHeaders.CONTENT_LENGTH);
        headers.remove(HttpHeaders.ACCEPT_RANGES);
        weakenETag(headers);
        if (request.getMethod() == HttpMethod.HEAD) {
            return super.writeWith(body);
        }
        // Without a length, Reactor Netty would end an HTTP/1.1 response by closing the connection
        // unless told to chunk it; HTTP/2 drops the field and frames the body itself.
        headers.set(HttpHeaders.TRANSFER_ENCODING, "chunked");
        return super.writeWith(encoded(body, coding));
    }

    /** A strong tag names these very bytes, which compression changed; a weak one names the content. */
    private static void weakenETag(HttpHeaders headers) {
        String etag = headers.getETag();
        if (etag != null && etag.startsWith("\"")) {
            headers.set(HttpHeaders.ETAG, "W/" + etag);
        }
    }

    private static void varyOnAcceptEncoding(HttpHeaders headers) {
        for (String value : headers.getOrEmpty(HttpHeaders.VARY)) {
            for (String name : value.split(",")) {
                String trimmed = name.trim();
                if (trimmed.equals("*") || trimmed.equalsIgnoreCase(HttpHeaders.ACCEPT_ENCODING)) {
                    return;
                }
            }
        }
        headers.add(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
    }

    private Flux<DataBuffer> encoded(Publisher<? extends DataBuffer> body, Coding coding) {
        return Flux.defer(() -> {
            Encoding encoding = new Encoding(new ChunkEncoder(coding, policy), bufferFactory());
            return Flux.from(body).<DataBuffer>handle((chunk, sink) -> {
                DataBuffer encoded = encoding.next(chunk);
                if (encoded != null) {
                    sink.next(encoded);
                }
            })
                    .concatWith(Mono.fromCallable(encoding::last))
                    .doFinally(signal -> {
                        encoding.encoder.close();
                        metrics.compressed(route, coding, encoding.in, encoding.out);
                    });
        });
    }

    /** One body's encoding under way: its encoder, a scratch array for the chunk in hand, the bytes counted. */
    private static final class Encoding {

        private final ChunkEncoder encoder;
        private final DataBufferFactory buffers;
        private byte[] scratch = new byte[0];
        private long in;
        private long out;

        Encoding(ChunkEncoder encoder, DataBufferFactory buffers) {
            this.encoder = encoder;
            this.buffers = buffers;
        }

        /** The chunk compressed, or {@code null} for an empty one. */
        DataBuffer next(DataBuffer chunk) {
            int length = chunk.readableByteCount();
            try {
                if (length == 0) {
                    return null;
                }
                if (scratch.length < length) {
                    scratch = new byte[length];
                }
                chunk.read(scratch, 0, length);
            } finally {
                DataBufferUtils.release(chunk);
            }
            in += length;
            return counted(encoder.encode(scratch, length));
        }

        DataBuffer last() {
            return counted(encoder.finish());
        }

        private DataBuffer counted(byte[] bytes) {
            out += bytes.length;
            return buffers.wrap(bytes);
        }
    }
}
