package io.frontdesk.balancer;

import java.util.Map;
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
 * pool's algorithm through it. For gateway requests ({@link ExchangeFacts} context) the chosen
 * backend is recorded in the exchange, holding an in-flight slot, so that retries, outlier
 * detection and telemetry know it; for any other caller (a {@link RequestDataContext}) the pick
 * is not counted as in flight.
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
            Map<String, Object> attributes = facts.attributes();
            Set<Backend> tried = (Set<Backend>) attributes.getOrDefault(BalancerAttributes.TRIED, Set.of());
            Backend backend = pool.pick(facts, tried);
            if (backend == null) {
                return Mono.just(new EmptyResponse());
            }
            attributes.put(BalancerAttributes.BACKEND, backend);
            attributes.put(BalancerAttributes.SLOT_HELD, Boolean.TRUE);
            return Mono.just(new DefaultResponse(backend.instance()));
        }
        RequestData data = request.getContext() instanceof RequestDataContext context ? context.getClientRequest()
                : null;
        Backend backend = pool.pick(new RequestDataFacts(data), Set.of());
        if (backend == null) {
            return Mono.just(new EmptyResponse());
        }
        backend.release();
        return Mono.just(new DefaultResponse(backend.instance()));
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
