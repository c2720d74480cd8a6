package io.frontdesk.edge;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import org.springframework.http.HttpHeaders;
import org.springframework.http.support.Netty4HeadersAdapter;

import io.netty.handler.codec.http.DefaultHttpHeadersFactory;

/**
 * Headers on their way between the client's and the backend's messages, kept as Netty keeps a
 * message's headers: the routing filter copies them into the backend request whole, the response
 * header filters remove names without building lower-case keys, and {@code forEach} walks the
 * fields without first copying every name into a case-insensitive set, as the framework's does.
 * They are not validated here: the message they end in validates every field added to it.
 */
public final class NettyBackedHeaders extends HttpHeaders {

    private static final DefaultHttpHeadersFactory UNVALIDATED = DefaultHttpHeadersFactory.headersFactory()
            .withValidation(false);

    private final io.netty.handler.codec.http.HttpHeaders netty;

    public NettyBackedHeaders() {
        this(UNVALIDATED.newHeaders());
    }

    private NettyBackedHeaders(io.netty.handler.codec.http.HttpHeaders netty) {
        super(new Netty4HeadersAdapter(netty));
        this.netty = netty;
    }

    /** A copy of a message's headers. */
    public static NettyBackedHeaders copyOf(io.netty.handler.codec.http.HttpHeaders fields) {
        NettyBackedHeaders copy = new NettyBackedHeaders();
        copy.netty.add(fields);
        return copy;
    }

    /** The same headers, as Netty holds them: changes to either show in both. */
    public io.netty.handler.codec.http.HttpHeaders netty() {
        return netty;
    }

    /** Each name once, in the order first sent, with all its values. */
    @Override
    public void forEach(BiConsumer<? super String, ? super List<String>> action) {
        List<String> done = new ArrayList<>(netty.size());
        for (Iterator<Map.Entry<String, String>> fields = netty.iteratorAsString(); fields.hasNext();) {
            String name = fields.next().getKey();
            if (!HeaderNames.contains(done, name)) {
                done.add(name);
                action.accept(name, netty.getAll(name));
            }
        }
    }
}
