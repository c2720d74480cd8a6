package io.frontdesk.discovery;

import java.net.URI;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;

import io.frontdesk.config.PoolProperties.DiscoveryProperties;
import reactor.core.publisher.Mono;

/**
 * A pool's members as the instances of its service id that Spring Cloud's discovery client
 * knows (Spring Cloud Kubernetes, Consul, Eureka ... whichever is present), each at the host and
 * port the registry gives, over the pool's scheme. Instances without a port are left out.
 */
final class RegistryMemberSource implements MemberSource {

    private final ReactiveDiscoveryClient registry;
    private final DiscoveryProperties target;

    RegistryMemberSource(ReactiveDiscoveryClient registry, DiscoveryProperties target) {
        this.registry = registry;
        this.target = target;
    }

    @Override
    public String target() {
        return "service id " + target.serviceId();
    }

    @Override
    public Mono<Answer> lookup() {
        return registry.getInstances(target.serviceId())
                .filter(instance -> instance.getHost() != null && instance.getPort() > 0)
                .map(this::uri)
                .collectList()
                .map(Answer::ageless);
    }

    private URI uri(ServiceInstance instance) {
        return MemberUris.of(target.scheme(), instance.getHost(), instance.getPort());
    }
}
