package io.frontdesk.edge;

import java.net.InetSocketAddress;
import java.net.URI;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.SslInfo;
import org.springframework.web.server.ServerWebExchange;

import io.frontdesk.FilterOrder;

/**
 * Header hygiene on the way to the backend, in one pass over the client's headers: hop-by-hop
 * headers and those the Connection header names are dropped; X-Forwarded-For, -Proto, -Host,
 * -Port and Forwarded describe the client truthfully (a chain from a trusted proxy is extended,
 * anything else is replaced); the request id goes along; a request with both Transfer-Encoding:
 * chunked and Content-Length loses the latter (the smuggling defence of RFC 9112 section 6.3);
 * gRPC requests keep {@code te: trailers}; the verified subject of a client certificate (mTLS)
 * goes in the client identity header, which is never taken from what the client sent.
 */
public final class BackendRequestHeadersFilter implements HttpHeadersFilter, Ordered {

    private static final String X_FORWARDED_FOR = "X-Forwarded-For";
    private static final String X_FORWARDED_PROTO = "X-Forwarded-Proto";
    private static final String X_FORWARDED_HOST = "X-Forwarded-Host";
    private static final String X_FORWARDED_PORT = "X-Forwarded-Port";
    private static final String FORWARDED = "Forwarded";
    private static final List<String> FORWARDING = List.of(X_FORWARDED_FOR, X_FORWARDED_PROTO, X_FORWARDED_HOST,
            X_FORWARDED_PORT, FORWARDED);

    private final TrustedProxies trustedProxies;
    private final String requestIdHeader;
    private final String clientIdentityHeader;
    private final boolean forwardedHeader;

    public BackendRequestHeadersFilter(TrustedProxies trustedProxies, String requestIdHeader,
            String clientIdentityHeader, boolean forwardedHeader) {
        this.trustedProxies = trustedProxies;
        this.requestIdHeader = requestIdHeader;
        this.clientIdentityHeader = clientIdentityHeader;
        this.forwardedHeader = forwardedHeader;
    }

    @Override
    public boolean supports(Type type) {
        return type == Type.REQUEST;
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        List<String> connectionOptions = HopByHop.connectionOptions(input);
        NettyBackedHeaders headers = new NettyBackedHeaders();
        io.netty.handler.codec.http.HttpHeaders fields = ClientRequestFields.of(exchange.getRequest(), input);
        if (fields != null) {
            for (Iterator<Map.Entry<String, String>> each = fields.iteratorAsString(); each.hasNext();) {
                Map.Entry<String, String> field = each.next();
                if (passes(field.getKey(), connectionOptions)) {
                    headers.netty().add(field.getKey(), field.getValue());
                }
            }
        } else {
            input.forEach((name, values) -> {
                if (passes(name, connectionOptions)) {
                    headers.addAll(name, values);
                }
            });
        }
        String transferEncoding = input.getFirst(HttpHeaders.TRANSFER_ENCODING);
        if (transferEncoding != null && transferEncoding.trim().equalsIgnoreCase("chunked")) {
            headers.remove(HttpHeaders.CONTENT_LENGTH);
        }
        String contentType = input.getFirst(HttpHeaders.CONTENT_TYPE);
        if (contentType != null && contentType.regionMatches(true, 0, "application/grpc", 0, 16)) {
            headers.set("te", "trailers");
        }
        ServerHttpRequest request = exchange.getRequest();
        HttpHeaders original = request.getHeaders();
        boolean fromTrustedProxy = trustedPeer(request);
        String peer = fromTrustedProxy ? peerAddress(request) : null;
        String client = exchange.getAttribute(EdgeAttributes.CLIENT_ADDRESS);
        if (client == null) {
            client = peerAddress(request);
        }
        URI uri = request.getURI();
        String proto = fromTrustedProxy && original.getFirst(X_FORWARDED_PROTO) != null
                ? original.getFirst(X_FORWARDED_PROTO) : uri.getScheme();
        String host = fromTrustedProxy && original.getFirst(X_FORWARDED_HOST) != null
                ? original.getFirst(X_FORWARDED_HOST) : original.getFirst(HttpHeaders.HOST);
        String port = fromTrustedProxy && original.getFirst(X_FORWARDED_PORT) != null
                ? original.getFirst(X_FORWARDED_PORT) : Integer.toString(port(uri));

        String incomingFor = fromTrustedProxy ? joined(original.get(X_FORWARDED_FOR)) : null;
        headers.set(X_FORWARDED_FOR, incomingFor == null ? client : incomingFor + ", " + peer);
        headers.set(X_FORWARDED_PROTO, proto);
        if (host != null) {
            headers.set(X_FORWARDED_HOST, host);
        }
        headers.set(X_FORWARDED_PORT, port);
        if (forwardedHeader) {
            String incoming = fromTrustedProxy ? joined(original.get(FORWARDED)) : null;
            String element = forwardedElement(fromTrustedProxy ? peer : client, host, uri.getScheme());
            headers.set(FORWARDED, incoming == null ? element : incoming + ", " + element);
        }
        String clientIdentity = clientIdentity(request.getSslInfo());
        if (clientIdentity != null) {
            headers.set(clientIdentityHeader, clientIdentity);
        }
        String requestId = exchange.getAttribute(EdgeAttributes.REQUEST_ID);
        if (requestId != null) {
            headers.set(requestIdHeader, requestId);
        }
        return headers;
    }

    /** Whether the client's field goes to the backend as sent; the others are dropped or set here. */
    private boolean passes(String name, List<String> connectionOptions) {
        return !HopByHop.applies(name, connectionOptions) && !HeaderNames.contains(FORWARDING, name)
                && !name.equalsIgnoreCase(requestIdHeader) && !name.equalsIgnoreCase(clientIdentityHeader);
    }

    private static String clientIdentity(SslInfo tls) {
        Certificate[] chain = tls == null ? null : tls.getPeerCertificates();
        return chain != null && chain.length > 0 && chain[0] instanceof X509Certificate client
                ? client.getSubjectX500Principal().getName() : null;
    }

    private boolean trustedPeer(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        return !trustedProxies.isEmpty() && remote != null && remote.getAddress() != null
                && trustedProxies.trusts(remote.getAddress().getAddress());
    }

    private static String peerAddress(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        return remote == null || remote.getAddress() == null ? null : remote.getAddress().getHostAddress();
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equals(uri.getScheme()) ? 443 : 80;
    }

    /** One RFC 7239 element; IPv6 nodes and hosts are quoted as the grammar requires. */
    private static String forwardedElement(String forNode, String host, String proto) {
        StringBuilder element = new StringBuilder(64);
        element.append("for=");
        if (forNode != null && forNode.indexOf(':') >= 0) {
            element.append("\"[").append(forNode).append("]\"");
        } else {
            element.append(forNode == null ? "unknown" : forNode);
        }
        if (host != null && !host.isEmpty()) {
            element.append(";host=\"").append(host.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        element.append(";proto=").append(proto);
        return element.toString();
    }

    private static String joined(List<String> values) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        String text = String.join(", ", values).trim();
        return text.isEmpty() ? null : text;
    }

    @Override
    public int getOrder() {
        return FilterOrder.PROXY_HEADERS;
    }
}
