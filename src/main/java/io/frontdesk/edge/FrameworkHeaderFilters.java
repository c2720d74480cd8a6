package io.frontdesk.edge;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;

/**
 * Takes the framework's request header filters out of the proxy path: each copies the whole
 * header map, and Frontdesk's {@link BackendRequestHeadersFilter} and
 * {@link ClientResponseHeadersFilter} already do their work (hop-by-hop removal, forwarding
 * headers, chunked/Content-Length normalisation, gRPC's {@code te: trailers}) in one pass.
 * Should a framework version name them differently, they simply stay and run first: slower,
 * still correct.
 */
public final class FrameworkHeaderFilters implements BeanDefinitionRegistryPostProcessor {

    private static final Logger log = LoggerFactory.getLogger(FrameworkHeaderFilters.class);
    private static final List<String> REPLACED = List.of("removeHopByHopHeadersFilter", "removeForwardedHeadersFilter",
            "removeXForwardedHeadersFilter", "forwardedHeadersFilter", "xForwardedHeadersFilter",
            "transferEncodingNormalizationHeadersFilter", "gRPCRequestHeadersFilter");

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
        List<String> removed = new ArrayList<>();
        for (String name : REPLACED) {
            if (registry.containsBeanDefinition(name)) {
                registry.removeBeanDefinition(name);
                removed.add(name);
            }
        }
        log.debug("Framework header filters replaced by Frontdesk's: {}", removed);
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
    }
}
