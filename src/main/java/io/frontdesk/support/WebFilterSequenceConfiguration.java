package io.frontdesk.support;

import java.util.List;

import org.springframework.boot.webflux.autoconfigure.WebHttpHandlerBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.server.WebFilter;

/** The application's web filters, in their order, run as one {@link WebFilterSequence}. */
@Configuration(proxyBeanMethods = false)
public class WebFilterSequenceConfiguration {

    @Bean
    WebHttpHandlerBuilderCustomizer webFilterSequence() {
        return builder -> builder.filters(filters -> {
            if (filters.size() > 1) {
                List<WebFilter> inOrder = List.copyOf(filters);
                filters.clear();
                filters.add(new WebFilterSequence(inOrder));
            }
        });
    }
}
