package io.frontdesk.balancer;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.filter.NettyRoutingFilter;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.web.server.ServerWebExchange;

import io.frontdesk.tls.BackendTls;
import io.frontdesk.tls.PoolTlsClients;
import io.netty.channel.ChannelOption;
import reactor.netty.http.client.HttpClient;

/**
 * The framework's proxying filter, sending a request to a backend of a pool with TLS settings of
 * its own through a client secured with them. Every other request takes the shared client as before.
 */
public final class BackendRoutingFilter extends NettyRoutingFilter {

    private final HttpClient sharedClient;
    private final PoolTlsClients poolTls;

    public BackendRoutingFilter(HttpClient sharedClient, ObjectProvider<List<HttpHeadersFilter>> headersFilters,
            HttpClientProperties properties, PoolTlsClients poolTls) {
        super(sharedClient, headersFilters, properties);
        this.sharedClient = sharedClient;
        this.poolTls = poolTls;
    }

    @Override
    protected HttpClient getHttpClient(Route route, ServerWebExchange exchange) {
        HttpClient client = super.getHttpClient(route, exchange);
        Backend backend = exchange.getAttribute(BalancerAttributes.BACKEND);
        BackendTls tls = backend == null ? null : poolTls.get(backend.poolName());
        if (tls == null) {
            return client;
        }
        if (client == sharedClient) {
            return tls.proxyClient();
        }
        // The route set its own connect timeout on a copy of the shared client; carry it over.
        Integer connectTimeout = (Integer) client.configuration().options().get(ChannelOption.CONNECT_TIMEOUT_MILLIS);
        return tls.proxyClient().option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeout);
    }
}
