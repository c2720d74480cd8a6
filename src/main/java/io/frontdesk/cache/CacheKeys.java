package io.frontdesk.cache;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

import org.springframework.http.HttpCookie;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Cache keys. The URL part is {@code host[:port]} and the raw path, then the query with ignored
 * parameters left out and the rest sorted by name, so that the order of distinct parameters and
 * tracking parameters do not split the cache. A parameter given more than once keeps the order
 * of its values: applications take the first or the last, so {@code a=2&a=1} and {@code a=1&a=2}
 * are different requests. The policy's key headers and cookies follow, one line each.
 */
final class CacheKeys {

    private CacheKeys() {
    }

    static String primary(ServerHttpRequest request, CachePolicy policy) {
        StringBuilder key = new StringBuilder(url(request.getURI(), policy::ignoresParameter));
        for (String header : policy.keyHeaders()) {
            List<String> values = request.getHeaders().get(header);
            key.append("\nh:").append(header.toLowerCase(Locale.ROOT)).append('=')
                    .append(values == null ? "" : String.join(",", values));
        }
        for (String cookie : policy.keyCookies()) {
            HttpCookie value = request.getCookies().getFirst(cookie);
            key.append("\nc:").append(cookie).append('=').append(value == null ? "" : value.getValue());
        }
        return key.toString();
    }

    /** The URL part of a key; the purge endpoint builds the same from a URL. */
    static String url(URI uri, Predicate<String> ignoredParameter) {
        StringBuilder url = new StringBuilder(64);
        url.append(uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT));
        if (uri.getPort() != -1 && uri.getPort() != 80 && uri.getPort() != 443) {
            url.append(':').append(uri.getPort());
        }
        String path = uri.getRawPath();
        url.append(path == null || path.isEmpty() ? "/" : path);
        String query = uri.getRawQuery();
        if (query != null && !query.isEmpty()) {
            List<String> parameters = new ArrayList<>();
            for (String parameter : query.split("&")) {
                if (!parameter.isEmpty() && !ignoredParameter.test(name(parameter))) {
                    parameters.add(parameter);
                }
            }
            if (!parameters.isEmpty()) {
                // A stable sort: the values of a repeated name stay in the order the client gave them.
                parameters.sort(Comparator.comparing(CacheKeys::name));
                url.append('?').append(String.join("&", parameters));
            }
        }
        return url.toString();
    }

    private static String name(String parameter) {
        int equals = parameter.indexOf('=');
        return equals < 0 ? parameter : parameter.substring(0, equals);
    }

    /** The URL part of a key: without its key header and cookie lines and its variant. */
    static String urlOf(String key) {
        int newline = key.indexOf('\n');
        return newline < 0 ? key : key.substring(0, newline);
    }
}
