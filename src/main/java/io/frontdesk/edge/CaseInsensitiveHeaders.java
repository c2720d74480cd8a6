package io.frontdesk.edge;

import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;

import org.springframework.http.HttpHeaders;
import org.springframework.util.CollectionUtils;
import org.springframework.util.LinkedCaseInsensitiveMap;
import org.springframework.util.MultiValueMap;

/**
 * Headers over a case-insensitive map, as {@code new HttpHeaders()} makes, whose {@code forEach}
 * walks that map. The framework's {@code forEach} first copies every name into a new
 * case-insensitive set to drop names that differ only in case, which such a map never holds; the
 * gateway's copy of a backend response's headers would pay for that on every response.
 */
public final class CaseInsensitiveHeaders extends HttpHeaders {

    private final MultiValueMap<String, String> map;

    public CaseInsensitiveHeaders() {
        this(CollectionUtils.toMultiValueMap(new LinkedCaseInsensitiveMap<>(16, Locale.ROOT)));
    }

    private CaseInsensitiveHeaders(MultiValueMap<String, String> map) {
        super(map);
        this.map = map;
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super List<String>> action) {
        map.forEach(action);
    }
}
