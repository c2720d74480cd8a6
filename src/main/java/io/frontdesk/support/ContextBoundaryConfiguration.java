package io.frontdesk.support;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The context boundaries that keep Reactor's context lookups short on every request. */
@Configuration(proxyBeanMethods = false)
public class ContextBoundaryConfiguration {

    @Bean
    HandlerContextBoundary handlerContextBoundary() {
        return new HandlerContextBoundary();
    }

    @Bean
    ResponseWriteContextBoundary responseWriteContextBoundary() {
        return new ResponseWriteContextBoundary();
    }
}
