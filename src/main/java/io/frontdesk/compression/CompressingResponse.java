package io.frontdesk.compression;

import java.time.Duration;
import java.util.List;

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

    /**
     * Chunks that arrive within this time of the first of a batch are compressed and flushed
     * together: a backend's body comes in pieces of a few KiB or less, and every flush starts a new
     * deflate block (measured: a 16 KiB text in 1 KiB pieces costs twice the CPU of one piece). A
     * response that pauses is still sent on within this time.
     */
    private static final Duration BATCH_WAIT = Duration.ofMillis(1);
    /** At most this many chunks (of 8 KiB at most from a backend connection) in one batch. */
    private static final int BATCH_CHUNKS = 8;

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
                headers.set(HttpHeaders.ETAG, "W/" + headers.getETag());
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
        String etag = headers.getETag();
        if (etag != null && etag.startsWith("\"")) {
            headers.set(HttpHeaders.ETAG, "W/" + etag);
        }
        if (request.getMethod() == HttpMethod.HEAD) {
            return super.writeWith(body);
        }
        // Without a length, Reactor Netty would end an HTTP/1.1 response by closing the connection
        // unless told to chunk it; HTTP/2 drops the field and frames the body itself.
        headers.set(HttpHeaders.TRANSFER_ENCODING, "chunked");
        return super.writeWith(encoded(body, coding));
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
            return Flux.<DataBuffer>from(body)
                    .bufferTimeout(BATCH_CHUNKS, BATCH_WAIT, true)
                    .<DataBuffer>handle((chunks, sink) -> {
                        DataBuffer encoded = encoding.next(chunks);
                        if (encoded != null) {
                            sink.next(encoded);
                        }
                    })
                    .concatWith(Mono.fromCallable(encoding::last))
                    .doOnDiscard(DataBuffer.class, DataBufferUtils::release)
                    .doFinally(signal -> {
                        encoding.encoder.close();
                        metrics.compressed(route, coding, encoding.in, encoding.out);
                    });
        });
    }

    /** One body's encoding under way: its encoder, a scratch array for the chunks in hand, the bytes counted. */
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

        /** The chunks compressed as one, or {@code null} when they hold no byte. */
        DataBuffer next(List<DataBuffer> chunks) {
            int length = 0;
            try {
                for (DataBuffer chunk : chunks) {
                    length += chunk.readableByteCount();
                }
                if (scratch.length < length) {
                    scratch = new byte[length];
                }
                int at = 0;
                for (DataBuffer chunk : chunks) {
                    int readable = chunk.readableByteCount();
                    chunk.read(scratch, at, readable);
                    at += readable;
                }
            } finally {
                chunks.forEach(DataBufferUtils::release);
            }
            if (length == 0) {
                return null;
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
