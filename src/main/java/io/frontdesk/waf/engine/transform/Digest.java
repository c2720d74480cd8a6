package io.frontdesk.waf.engine.transform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** {@code sha1}, {@code md5}: the raw digest of the bytes (pair with {@code hexEncode} to read it). */
final class Digest implements Transformation {

    private final String algorithm;

    Digest(String algorithm) {
        this.algorithm = algorithm;
    }

    @Override
    public String apply(String value) {
        try {
            byte[] digest = MessageDigest.getInstance(algorithm).digest(value.getBytes(StandardCharsets.ISO_8859_1));
            return new String(digest, StandardCharsets.ISO_8859_1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has " + algorithm, e);
        }
    }
}
