package io.frontdesk.redis;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Connects to Redis when {@code spring.data.redis} names one; everything shared across replicas uses it. */
@Configuration(proxyBeanMethods = false)
@Conditional(RedisConfigured.class)
public class RedisConfiguration {

    @Bean(destroyMethod = "close")
    RedisLink redisLink(Environment environment) {
        return new RedisLink(RedisSettings.from(environment));
    }
}
