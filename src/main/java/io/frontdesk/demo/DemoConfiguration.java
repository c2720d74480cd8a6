package io.frontdesk.demo;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.frontdesk.config.FrontdeskProperties;

/** The demo backends of the embedded default; off unless {@code frontdesk.demo.enabled}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "frontdesk.demo.enabled", havingValue = "true")
public class DemoConfiguration {

    @Bean
    DemoBackends demoBackends(FrontdeskProperties properties) {
        return new DemoBackends(properties.demo().ports());
    }
}
