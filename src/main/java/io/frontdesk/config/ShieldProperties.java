package io.frontdesk.config;

import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The shield against floods: rate limits that routes name with the {@code RateLimit} filter.
 *
 * @param limits rate limits by name
 */
public record ShieldProperties(Map<String, LimitProperties> limits) {

    public ShieldProperties {
        limits = limits == null ? Map.of() : Map.copyOf(limits);
    }

    /**
     * One rate limit, a token bucket (GCRA): {@code rate} tokens come back per period, at most
     * {@code burst} are saved up.
     *
     * @param rate requests per period: {@code 20/s}, {@code 600/m}, {@code 10000/h}, {@code 5/10s}
     * @param burst how many requests may come at once; 0 means the rate's count
     * @param key what one bucket belongs to: any of {@code client}, {@code route},
     *        {@code header:NAME}; several together make one bucket per combination
     */
    public record LimitProperties(
            String rate,
            @DefaultValue("0") int burst,
            @DefaultValue("client") List<String> key) {
    }
}
