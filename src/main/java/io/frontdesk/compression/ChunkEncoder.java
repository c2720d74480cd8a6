package io.frontdesk.compression;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;

import com.aayushatharva.brotli4j.encoder.BrotliOutputStream;
import com.aayushatharva.brotli4j.encoder.Encoder;

/**
 * One response's encoder: each chunk of the body is compressed and flushed as it arrives, so the
 * event loop spends time in proportion to that chunk only, and a response that streams keeps
 * streaming. Its native state (zlib's or Brotli's) is freed by {@link #finish()} or
 * {@link #close()}, whichever comes first; a cancel may arrive on another thread than the data,
 * hence the lock.
 */
final class ChunkEncoder implements AutoCloseable {

    /** Brotli's window: 256 KiB rather than 4 MiB, which would be held per response in flight. */
    private static final int BROTLI_WINDOW_BITS = 18;
    private static final int BUFFER_SIZE = 8192;

    private final Output output = new Output();
    private final OutputStream stream;
    private boolean closed;

    ChunkEncoder(Coding coding, CompressionPolicy policy) {
        this.stream = stream(coding, policy, output);
    }

    private static OutputStream stream(Coding coding, CompressionPolicy policy, OutputStream output) {
        try {
            return switch (coding) {
                case GZIP -> new LeveledGzip(output, policy.gzipLevel());
                case BR -> new BrotliOutputStream(output, new Encoder.Parameters().setQuality(policy.brotliQuality())
                        .setWindow(BROTLI_WINDOW_BITS), BUFFER_SIZE);
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The compressed form of {@code length} bytes of {@code chunk}, flushed so that a client can decode it now. */
    synchronized byte[] encode(byte[] chunk, int length) {
        try {
            stream.write(chunk, 0, length);
            stream.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return output.take();
    }

    /** The end of the compressed stream. */
    synchronized byte[] finish() {
        closed = true;
        try {
            stream.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return output.take();
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            try {
                stream.close();
            } catch (IOException e) {
                // Only the native state is wanted back; the bytes go nowhere.
            }
        }
    }

    /** Collects what the encoder writes, handed on chunk by chunk. */
    private static final class Output extends ByteArrayOutputStream {

        Output() {
            super(BUFFER_SIZE);
        }

        byte[] take() {
            byte[] bytes = toByteArray();
            reset();
            return bytes;
        }
    }

    /** The JDK's gzip stream, flushing with SYNC_FLUSH, at a chosen level. */
    private static final class LeveledGzip extends GZIPOutputStream {

        LeveledGzip(OutputStream output, int level) throws IOException {
            super(output, BUFFER_SIZE, true);
            def.setLevel(level);
        }
    }
}
