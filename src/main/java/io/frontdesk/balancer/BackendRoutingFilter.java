package io.frontdesk.balancer;

import java.util.Arrays;
import java.util.List;

import java.net.URI;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.NettyRoutingFilter;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.web.server.ServerWebExchange;

import io.frontdesk.tls.BackendTls;
import io.frontdesk.tls.PoolTlsClients;
import io.frontdesk.tracing.TraceSpan;
import io.frontdesk.tracing.Tracing;
import io.netty.channel.ChannelOption;
import reactor.core.publisher.Mono;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientConfig;
import reactor.netty.http.client.HttpClientResponse;

/**
 * The framework's proxying filter, sending a request to a backend of a pool with TLS settings of
 * its own through a client secured with them. Every other request takes the shared client as before.
 * With tracing on, each time it sends a request (each attempt, retries included) is a span, from
 * sending to the backend's response head. The backend and the exchange go into the request's
 * Reactor context as a {@link BackendCall}, for the backend connection's handlers.
 *
 * <p>With HTTP/2 served, the framework gives the shared client h2 besides HTTP/1.1, and Reactor
 * Netty takes h2 (and any TLS) out of a copy of the client's configuration for every request to a
 * plain-HTTP backend; that copy is made once here instead.
 */
public final class BackendRoutingFilter extends NettyRoutingFilter {

    private final HttpClient sharedClient;
    private final HttpClient plainHttpClient;
    private final PoolTlsClients poolTls;
    private final Tracing tracing;

    public BackendRoutingFilter(HttpClient sharedClient, ObjectProvider<List<HttpHeadersFilter>> headersFilters,
            HttpClientProperties properties, PoolTlsClients poolTls, Tracing tracing) {
        super(sharedClient, headersFilters, properties);
        this.sharedClient = sharedClient;
        this.plainHttpClient = forPlainHttp(sharedClient);
        this.poolTls = poolTls;
        this.tracing = tracing;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Backend backend = exchange.getAttribute(BalancerAttributes.BACKEND);
        return proxy(exchange, chain).contextWrite(new BackendCall(backend, exchange)::into);
    }

    private Mono<Void> proxy(ServerWebExchange exchange, GatewayFilterChain chain) {
        URI url = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
        if (!tracing.isOn() || url == null || ServerWebExchangeUtils.isAlreadyRouted(exchange)
                || !"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            return super.filter(exchange, chain);
        }
        Backend backend = exchange.getAttribute(BalancerAttributes.BACKEND);
        TraceSpan attempt = tracing.startAttempt(exchange, url, backend == null ? null : backend.id());
        return super.filter(exchange, chain)
                .doOnError(attempt::error)
                .doFinally(signal -> {
                    HttpClientResponse response = exchange.getAttribute(ServerWebExchangeUtils.CLIENT_RESPONSE_ATTR);
                    if (response != null) {
                        attempt.tag("http.response.status_code", response.status().code());
                    }
                    attempt.end();
                });
    }

    @Override
    protected HttpClient getHttpClient(Route route, ServerWebExchange exchange) {
        HttpClient client = super.getHttpClient(route, exchange);
        Backend backend = exchange.getAttribute(BalancerAttributes.BACKEND);
        BackendTls tls = backend == null ? null : poolTls.get(backend.poolName());
        if (tls == null) {
            return client == sharedClient && isPlainHttp(exchange) ? plainHttpClient : client;
        }
        if (client == sharedClient) {
            return tls.proxyClient();
        }
        // The route set its own connect timeout on a copy of the shared client; carry it over.
        Integer connectTimeout = (Integer) client.configuration().options().get(ChannelOption.CONNECT_TIMEOUT_MILLIS);
        return tls.proxyClient().option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeout);
    }

    /** The client as Reactor Netty would remake it for a plain-HTTP request: without TLS, and without h2 beside another protocol. */
    static HttpClient forPlainHttp(HttpClient client) {
        HttpClientConfig config = client.configuration();
        HttpClient plain = config.sslProvider() == null ? client : client.noSSL();
        HttpProtocol[] protocols = config.protocols();
        HttpProtocol[] withoutH2 = Arrays.stream(protocols).filter(protocol -> protocol != HttpProtocol.H2)
                .toArray(HttpProtocol[]::new);
        return withoutH2.length == protocols.length || withoutH2.length == 0 ? plain : plain.protocol(withoutH2);
    }

    private static boolean isPlainHttp(ServerWebExchange exchange) {
        URI url = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
        return url != null && "http".equals(url.getScheme());
    }
}
