package io.frontdesk.balancer;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/** The request URL is the framework's, whichever way it is made. */
class PoolRequestUrlFilterTest {

    @ParameterizedTest
    @CsvSource({
        "lb://pool, /",
        "lb://pool, /index.html",
        "lb://pool, //twice/slashed",
        "lb://pool, /a;b=c/d:e@f/g+h$i&j=k/l(m)*n!o~p_q-r.s",
        "lb://pool, /grüße/été",
        "lb://pool, /with%20escapes",
        "lb://pool, /escaped%2Fslash%41",
        "lb://pool, /a//b///c",
        "lb://pool, /search?q=1&q=2&a=&b&&c",
        "lb://pool, /search?",
        "lb://web-pool, /x",
        "lb://pool:8080, /x",
        "lb://pool/base, /x",
        "lb:ws://pool, /socket",
        "http://127.0.0.1:9000, /direct?x=1",
        "http://127.0.0.1:9000/base, /direct",
    })
    void theUrlIsTheFrameworks(String routeUri, String target) {
        URI request = URI.create("http://localhost:8443" + target);

        assertThat(urlMadeBy(new PoolRequestUrlFilter(), routeUri, request))
                .isEqualTo(urlMadeBy(new RouteToRequestUrlFilter(), routeUri, request))
                .hasToString(urlMadeBy(new RouteToRequestUrlFilter(), routeUri, request).toString());
    }

    private static URI urlMadeBy(GlobalFilter filter, String routeUri, URI request) {
        ServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.method(HttpMethod.GET, request));
        exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR,
                Route.async().id("route").uri(URI.create(routeUri)).predicate(anything -> true).build());
        AtomicReference<URI> url = new AtomicReference<>();
        filter.filter(exchange, next -> {
            url.set(next.getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR));
            return Mono.empty();
        }).block();
        assertThat(url.get()).as("the URL given to the filters after").isNotNull();
        return url.get();
    }
}
