package io.frontdesk.tls;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Which HTTP versions each listener speaks, with TLS on or off. */
@Configuration(proxyBeanMethods = false)
public class ProtocolConfiguration {

    @Bean
    Http2OnlyOverTls http2OnlyOverTls() {
        return new Http2OnlyOverTls();
    }
}
