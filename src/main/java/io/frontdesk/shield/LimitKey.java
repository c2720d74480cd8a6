package io.frontdesk.shield;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.web.server.ServerWebExchange;

import io.frontdesk.edge.EdgeAttributes;

/**
 * What one bucket of a limit belongs to: the client's address (as the trusted proxies resolved
 * it), the route, a request header's value (an API key), or a combination of these.
 */
final class LimitKey {

    private sealed interface Part permits Client, RouteId, Header {
        String of(ServerWebExchange exchange);
    }

    private record Client() implements Part {
        @Override
        public String of(ServerWebExchange exchange) {
            String client = exchange.getAttribute(EdgeAttributes.CLIENT_ADDRESS);
            return client == null ? "" : client;
        }
    }

    private record RouteId() implements Part {
        @Override
        public String of(ServerWebExchange exchange) {
            Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
            return route == null ? "" : route.getId();
        }
    }

    private record Header(String name) implements Part {
        @Override
        public String of(ServerWebExchange exchange) {
            String value = exchange.getRequest().getHeaders().getFirst(name);
            return value == null ? "" : value;
        }
    }

    private final List<Part> parts;

    private LimitKey(List<Part> parts) {
        this.parts = parts;
    }

    /** The key of these parts, or {@code null} when one is not {@code client}, {@code route} or {@code header:NAME}. */
    static LimitKey parse(List<String> names) {
        List<Part> parts = new ArrayList<>();
        for (String name : names) {
            String trimmed = name.trim();
            String lower = trimmed.toLowerCase(Locale.ROOT);
            if (lower.equals("client")) {
                parts.add(new Client());
            } else if (lower.equals("route")) {
                parts.add(new RouteId());
            } else if (lower.startsWith("header:") && trimmed.length() > "header:".length()) {
                parts.add(new Header(trimmed.substring("header:".length())));
            } else {
                return null;
            }
        }
        return parts.isEmpty() ? null : new LimitKey(List.copyOf(parts));
    }

    String of(ServerWebExchange exchange) {
        if (parts.size() == 1) {
            return parts.get(0).of(exchange);
        }
        StringBuilder key = new StringBuilder();
        for (Part part : parts) {
            key.append(part.of(exchange)).append('\n');
        }
        return key.toString();
    }
}
