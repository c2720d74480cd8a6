package io.frontdesk.edge;

import org.springframework.http.HttpHeaders;
import org.springframework.http.support.Netty4HeadersAdapter;

import io.netty.handler.codec.http.DefaultHttpHeaders;

/**
 * The headers of a request to a backend, kept as Netty keeps a request's headers, so that the
 * routing filter can copy them into the backend request whole rather than name by name, and
 * nothing builds a case-insensitive map on the way.
 */
public final class BackendRequestHeaders extends HttpHeaders {

    private final io.netty.handler.codec.http.HttpHeaders netty;

    public BackendRequestHeaders() {
        this(new DefaultHttpHeaders());
    }

    private BackendRequestHeaders(io.netty.handler.codec.http.HttpHeaders netty) {
        super(new Netty4HeadersAdapter(netty));
        this.netty = netty;
    }

    /** The same headers, as Netty holds them: changes to either show in both. */
    public io.netty.handler.codec.http.HttpHeaders netty() {
        return netty;
    }
}
