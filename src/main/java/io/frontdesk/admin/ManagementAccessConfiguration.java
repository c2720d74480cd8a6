package io.frontdesk.admin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;

import io.frontdesk.config.FrontdeskProperties;
import io.frontdesk.config.InvalidConfigurationException;
import io.frontdesk.config.ManagementProperties;
import io.frontdesk.edge.NextRequestReading;
import io.frontdesk.shield.ConnectionLimits;
import reactor.netty.http.HttpProtocol;

/**
 * The guard on management writes, and the management listener's protocol and connection bound,
 * in the management server's own context. Listed in
 * {@code META-INF/spring/...ManagementContextConfiguration.imports} and deliberately not
 * annotated, so the application's component scan never puts it on the public path.
 */
public class ManagementAccessConfiguration {

    @Bean
    ManagementAccessFilter managementAccessFilter(FrontdeskProperties properties) {
        return new ManagementAccessFilter(token(properties.management()));
    }

    /**
     * HTTP/1.1 only: the management port speaks plain HTTP, where HTTP/2 would mean h2c upgrades,
     * which Reactor Netty refuses with 413 when the request has a body (a POST to an endpoint).
     */
    @Bean
    WebServerFactoryCustomizer<NettyReactiveWebServerFactory> managementHttp11() {
        return factory -> factory.addServerCustomizers(server -> server.protocol(HttpProtocol.HTTP11));
    }

    /** The management port goes on reading a kept-alive connection after each response, as the public one does. */
    @Bean
    WebServerFactoryCustomizer<NettyReactiveWebServerFactory> managementNextRequestReading(
            NextRequestReading nextRequestReading) {
        return factory -> factory.addServerCustomizers(nextRequestReading);
    }

    /** The management port's own bound on connections, kept with the client listeners' bounds. */
    @Bean
    WebServerFactoryCustomizer<NettyReactiveWebServerFactory> managementConnectionLimits(ConnectionLimits limits) {
        return factory -> factory.addServerCustomizers(limits::managementListener);
    }

    private static String token(ManagementProperties management) {
        String token = management.token();
        if (management.tokenFile() != null && !management.tokenFile().isBlank()) {
            try {
                token = Files.readString(Path.of(management.tokenFile())).trim();
            } catch (IOException e) {
                throw new InvalidConfigurationException("frontdesk.management.token-file",
                        "cannot read " + management.tokenFile() + " (" + e.getClass().getSimpleName() + ")");
            }
        }
        if (token != null && token.isBlank()) {
            throw new InvalidConfigurationException("frontdesk.management.token", "must not be blank");
        }
        if (token != null && token.length() < 16) {
            throw new InvalidConfigurationException("frontdesk.management.token",
                    "must be at least 16 characters long");
        }
        return token;
    }
}
