package io.frontdesk.waf.engine.transform;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** {@code base64Encode}: the bytes in standard Base64, padded. */
final class Base64Encode implements Transformation {

    @Override
    public String apply(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.ISO_8859_1));
    }
}
