package io.frontdesk.config;

import java.util.List;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The demo backends of the embedded default, started inside the gateway's own process.
 *
 * @param enabled set by the embedded default when the user configured no routes and no pools
 * @param ports one demo backend listens on 127.0.0.1 at each port
 */
public record DemoProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue({"18081", "18082", "18083"}) List<Integer> ports) {
}
