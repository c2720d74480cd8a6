package io.frontdesk.edge;

import java.util.List;
import java.util.Locale;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import io.frontdesk.FilterOrder;
import io.netty.handler.codec.http2.Http2StreamChannel;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;

/**
 * Holds HTTP/1 request heads to RFC 9112 where the decoder does not: a head with an obsolete or
 * foreign version, a malformed request-target, or a Host, Transfer-Encoding or Content-Type that
 * could be read two ways is refused with a problem response and the connection
 * closed after it (counted by reason in {@link FramingRefusals}), and an
 * absolute-form target's authority replaces the Host field of the decoded head (section 3.2.2),
 * so that routes, the WAF and the backend all see the host the request line names.
 */
public final class RequestFramingFilter implements WebFilter, Ordered {

    private final FramingRefusals refusals;

    public RequestFramingFilter(FramingRefusals refusals) {
        this.refusals = refusals;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (!(ServerHttpRequestDecorator.getNativeRequest(request) instanceof HttpServerRequest netty)
                || isHttp2(netty)) {
            return chain.filter(exchange);
        }
        HttpHeaders headers = request.getHeaders();
        RequestFraming.Violation violation = RequestFraming.check(new RequestFraming.Head(
                netty.version().majorVersion(), netty.version().minorVersion(), netty.method().name(),
                RequestTargetEscaping.sentTarget(request), values(headers, HttpHeaders.HOST),
                values(headers, HttpHeaders.TRANSFER_ENCODING), values(headers, HttpHeaders.CONTENT_TYPE)));
        if (violation != null) {
            refusals.count(violation.reason());
            HttpHeaders close = new HttpHeaders();
            close.setConnection("close");
            return Mono.error(new RejectedRequest(violation.status(), violation.reason(), violation.detail(), close));
        }
        String authority = absoluteFormAuthority(netty.uri());
        if (authority == null || authority.equalsIgnoreCase(headers.getFirst(HttpHeaders.HOST))) {
            return chain.filter(exchange);
        }
        // In the decoded head itself, which the exchange's headers show: whatever reads the head sees one Host.
        netty.requestHeaders().set(HttpHeaders.HOST, authority);
        return chain.filter(exchange);
    }

    /** An HTTP/2 stream, as opposed to an HTTP/1 request line that names version 2. */
    private static boolean isHttp2(HttpServerRequest netty) {
        boolean[] stream = {false};
        netty.withConnection(connection -> stream[0] = connection.channel() instanceof Http2StreamChannel);
        return stream[0];
    }

    private static List<String> values(HttpHeaders headers, String name) {
        List<String> values = headers.get(name);
        return values == null ? List.of() : values;
    }

    /** The authority of an absolute-form target ({@code http://host:port/path}), without user information. */
    static String absoluteFormAuthority(String target) {
        int schemeEnd = target.indexOf("://");
        if (schemeEnd <= 0 || target.indexOf('/') < schemeEnd) {
            return null;
        }
        String scheme = target.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return null;
        }
        int start = schemeEnd + 3;
        int end = start;
        while (end < target.length() && "/?#".indexOf(target.charAt(end)) < 0) {
            end++;
        }
        String authority = target.substring(start, end);
        authority = authority.substring(authority.lastIndexOf('@') + 1);
        return authority.isEmpty() ? null : authority;
    }

    @Override
    public int getOrder() {
        return FilterOrder.REQUEST_FRAMING;
    }
}
