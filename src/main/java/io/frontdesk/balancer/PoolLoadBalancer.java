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
 * pool's algorithm through it. For gateway requests the chosen backend is recorded in the
 * exchange so that retries, outlier detection and telemetry know it; for any other caller the
 * pick is not counted as in flight.
 */
final class PoolLoadBalancer implements ReactorServiceInstanceLoadBalancer {

    private final BackendPool pool;

    PoolLoadBalancer(BackendPool pool) {
        this.pool = pool;
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Mono<Response<ServiceInstance>> choose(Request request) {
        RequestData data = request.getContext() instanceof RequestDataContext context ? context.getClientRequest()
                : null;
        Map<String, Object> attributes = data == null ? null : data.getAttributes();
        Set<Backend> tried = attributes == null ? Set.of()
                : (Set<Backend>) attributes.getOrDefault(BalancerAttributes.TRIED, Set.of());
        Backend backend = pool.pick(new Facts(data), tried);
        if (backend == null) {
            return Mono.just(new EmptyResponse());
        }
        if (attributes == null) {
            backend.release();
        } else {
            attributes.put(BalancerAttributes.BACKEND, backend);
            attributes.put(BalancerAttributes.SLOT_HELD, Boolean.TRUE);
        }
        return Mono.just(new DefaultResponse(backend.instance()));
    }

    /** The request as the balancer may read it. */
    private record Facts(RequestData data) implements RequestFacts {

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
