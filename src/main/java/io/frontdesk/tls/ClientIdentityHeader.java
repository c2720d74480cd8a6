package io.frontdesk.tls;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.SslInfo;
import org.springframework.web.server.ServerWebExchange;

import io.frontdesk.FilterOrder;

/**
 * Tells the backend who the client is when it authenticated with a certificate (mTLS): the
 * verified subject goes in a header that clients cannot forge, because whatever a client sent
 * under that name is removed first, on every request.
 */
public final class ClientIdentityHeader implements HttpHeadersFilter, Ordered {

    private final String header;

    public ClientIdentityHeader(String header) {
        this.header = header;
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        HttpHeaders headers = input;
        try {
            headers.remove(header);
        } catch (UnsupportedOperationException readOnly) {
            headers = new HttpHeaders();
            headers.putAll(input);
            headers.remove(header);
        }
        SslInfo tls = exchange.getRequest().getSslInfo();
        Certificate[] chain = tls == null ? null : tls.getPeerCertificates();
        if (chain != null && chain.length > 0 && chain[0] instanceof X509Certificate client) {
            headers.set(header, client.getSubjectX500Principal().getName());
        }
        return headers;
    }

    @Override
    public int getOrder() {
        return FilterOrder.CLIENT_IDENTITY;
    }
}
