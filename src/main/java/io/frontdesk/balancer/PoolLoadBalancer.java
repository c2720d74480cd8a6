package io.frontdesk.balancer;

import java.util.Set;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.DefaultResponse;
import org.springframework.cloud.client.loadbalancer.EmptyResponse;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.RequestData;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.loadbalancer.core.ReactorServiceInstanceLoadBalancer;

import io.frontdesk.edge.EdgeAttributes;
import reactor.core.publisher.Mono;

/**
 * Frontdesk's balancer on the Spring Cloud LoadBalancer SPI: {@code lb://POOL} routes reach the
 * pool's algorithm through it. For gateway requests ({@link ExchangeFacts} context) the answer is
 * a {@link BackendLease}, holding an in-flight slot that the {@link BackendCallFilter} gives back;
 * for any other caller (a {@link RequestDataContext}) the pick is not counted as in flight.
 */
final class PoolLoadBalancer implements ReactorServiceInstanceLoadBalancer {

    private final BackendPool pool;

    PoolLoadBalancer(BackendPool pool) {
        this.pool = pool;
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Mono<Response<ServiceInstance>> choose(Request request) {
        if (request.getContext() instanceof ExchangeFacts facts) {
            Set<Backend> tried = (Set<Backend>) facts.attributes().getOrDefault(BalancerAttributes.TRIED, Set.of());
            BackendLease lease = pool.pick(facts, tried);
            return Mono.just(lease == null ? new EmptyResponse() : lease);
        }
        RequestData data = request.getContext() instanceof RequestDataContext context ? context.getClientRequest()
                : null;
        BackendLease lease = pool.pick(new RequestDataFacts(data), Set.of());
        if (lease == null) {
            return Mono.just(new EmptyResponse());
        }
        lease.release();
        return Mono.just(new DefaultResponse(lease.backend().instance()));
    }

    /** A request of another Spring Cloud LoadBalancer client, as the balancer may read it. */
    private record RequestDataFacts(RequestData data) implements RequestFacts {

        @Override
        public String clientAddress() {
            return data == null ? null : (String) data.getAttributes().get(EdgeAttributes.CLIENT_ADDRESS);
        }

        @Override
        public String header(String name) {
            return data == null || data.getHeaders() == null ? null : data.getHeaders().getFirst(name);
        }

        @Override
        public String cookie(String name) {
            return data == null || data.getCookies() == null ? null : data.getCookies().getFirst(name);
        }
    }
}
