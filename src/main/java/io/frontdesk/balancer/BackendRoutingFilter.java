package io.frontdesk.balancer;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.NettyRoutingFilter;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.cloud.gateway.support.TimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

import io.frontdesk.edge.NettyBackedHeaders;
import io.frontdesk.tls.BackendTls;
import io.frontdesk.tls.PoolTlsClients;
import io.frontdesk.tracing.TraceSpan;
import io.frontdesk.tracing.Tracing;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientConfig;
import reactor.netty.http.client.HttpClientResponse;

/**
 * Proxies a request to its backend, in the framework's routing filter's place and with its
 * contract: the request headers through the request header filters, the route's connect and
 * response timeouts (a late response head is a 504), the backend's response and connection in the
 * exchange attributes its response writer reads, the response head through the response header
 * filters. A request to a backend of a pool with TLS settings of its own goes through a client
 * secured with them; every other request takes the shared client. With tracing on, each time it
 * sends a request (each attempt, retries included) is a span, from sending to the backend's
 * response head. The backend and the exchange go into the request's Reactor context as a
 * {@link BackendCall}, for the backend connection's handlers.
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
    private final RouteResponseTimeouts responseTimeouts;

    public BackendRoutingFilter(HttpClient sharedClient, ObjectProvider<List<HttpHeadersFilter>> headersFilters,
            HttpClientProperties properties, PoolTlsClients poolTls, Tracing tracing) {
        super(sharedClient, headersFilters, properties);
        this.sharedClient = sharedClient;
        this.plainHttpClient = forPlainHttp(sharedClient);
        this.poolTls = poolTls;
        this.tracing = tracing;
        this.responseTimeouts = new RouteResponseTimeouts(properties);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        URI url = exchange.getRequiredAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
        if (ServerWebExchangeUtils.isAlreadyRouted(exchange)
                || !"http".equalsIgnoreCase(url.getScheme()) && !"https".equalsIgnoreCase(url.getScheme())) {
            return chain.filter(exchange);
        }
        ServerWebExchangeUtils.setAlreadyRouted(exchange);
        Backend backend = exchange.getAttribute(BalancerAttributes.BACKEND);
        // Started before the request's headers are made: the trace context header names this span.
        TraceSpan attempt = tracing.isOn()
                ? tracing.startAttempt(exchange, url, backend == null ? null : backend.id()) : TraceSpan.NONE;
        Mono<Void> proxied = spanned(attempt, proxy(exchange, url)).then(chain.filter(exchange));
        return proxied.contextWrite(new BackendCall(backend, exchange)::into);
    }

    /**
     * Sends the request to the backend and takes its response head. Unlike the framework's filter,
     * the client's headers go into the backend request in one copy, and the URL is handed over
     * parsed rather than as text that Reactor Netty parses again with a regular expression.
     */
    private Flux<HttpClientResponse> proxy(ServerWebExchange exchange, URI url) {
        ServerHttpRequest request = exchange.getRequest();
        HttpHeaders filtered = HttpHeadersFilter.filterRequest(getHeadersFilters(), exchange);
        boolean preserveHost = exchange.getAttributeOrDefault(
                ServerWebExchangeUtils.PRESERVE_HOST_HEADER_ATTRIBUTE, false);
        String preservedHost = preserveHost ? request.getHeaders().getFirst(HttpHeaders.HOST) : null;
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        HttpClient.RequestSender sender = getHttpClient(route, exchange)
                .headers(headers -> backendHeaders(filtered, preservedHost, headers))
                .request(HttpMethod.valueOf(request.getMethod().name()));
        Flux<HttpClientResponse> responded = BackendTarget.applyTo(sender, url)
                .send((backendRequest, outbound) -> outbound.send(request.getBody().map(this::getByteBuf)))
                .responseConnection((response, connection) -> {
                    BackendResponseHead.apply(response, connection, exchange, getHeadersFilters());
                    return Mono.just(response);
                })
                .doOnDiscard(Connection.class, Connection::dispose);
        Duration timeout = responseTimeouts.of(route);
        if (timeout == null) {
            return responded;
        }
        return responded
                .timeout(timeout, Mono.error(() -> new TimeoutException("Response took longer than " + timeout)))
                .onErrorMap(TimeoutException.class,
                        late -> new ResponseStatusException(HttpStatus.GATEWAY_TIMEOUT, late.getMessage(), late));
    }

    /**
     * The filtered headers; the Host header is left for Reactor Netty to set from the URL, unless
     * the route preserves the client's. Frontdesk's own header filter's headers are copied whole.
     */
    private static void backendHeaders(HttpHeaders filtered, String preservedHost,
            io.netty.handler.codec.http.HttpHeaders headers) {
        if (filtered instanceof NettyBackedHeaders whole) {
            headers.add(whole.netty()).remove(HttpHeaderNames.HOST);
        } else {
            filtered.forEach((name, values) -> {
                if (!name.equalsIgnoreCase(HttpHeaders.HOST)) {
                    headers.add(name, values);
                }
            });
        }
        if (preservedHost != null) {
            headers.add(HttpHeaderNames.HOST, preservedHost);
        }
    }

    /** The attempt's span ends with the backend's response head, or its failure. */
    private static Flux<HttpClientResponse> spanned(TraceSpan attempt, Flux<HttpClientResponse> proxied) {
        if (attempt == TraceSpan.NONE) {
            return proxied;
        }
        return proxied.doOnNext(response -> attempt.tag("http.response.status_code", response.status().code()))
                .doOnError(attempt::error)
                .doFinally(signal -> attempt.end());
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
