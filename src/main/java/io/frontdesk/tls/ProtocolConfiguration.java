package io.frontdesk.tls;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.frontdesk.config.FrontdeskProperties;

/** What holds with TLS on or off: the HTTP versions each listener speaks, the unforgeable client identity header. */
@Configuration(proxyBeanMethods = false)
public class ProtocolConfiguration {

    @Bean
    Http2OnlyOverTls http2OnlyOverTls() {
        return new Http2OnlyOverTls();
    }

    @Bean
    ClientIdentityHeader clientIdentityHeader(FrontdeskProperties properties) {
        return new ClientIdentityHeader(properties.tls().clientIdentityHeader());
    }
}
