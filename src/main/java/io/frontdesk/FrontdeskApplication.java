package io.frontdesk;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Frontdesk: a reverse proxy for the public edge of a web backend. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class FrontdeskApplication {

    public static void main(String[] args) {
        SpringApplication.run(FrontdeskApplication.class, args);
    }
}
