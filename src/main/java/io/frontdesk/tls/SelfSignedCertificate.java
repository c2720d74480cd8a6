package io.frontdesk.tls;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A self-signed certificate with an ECDSA P-256 key, for TLS servers and clients: the embedded
 * default's one for {@code localhost} (and 127.0.0.1, ::1), valid for 90 days, made at start-up.
 * The JDK has no public API to issue certificates, so the X.509 structure is written here in DER.
 */
public final class SelfSignedCertificate {

    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss");

    private final String certificatePem;
    private final String privateKeyPem;

    private SelfSignedCertificate(String certificatePem, String privateKeyPem) {
        this.certificatePem = certificatePem;
        this.privateKeyPem = privateKeyPem;
    }

    /** Makes a new key and certificate for localhost, 127.0.0.1 and ::1. */
    public static SelfSignedCertificate forLocalhost() {
        return issue("localhost", List.of("localhost"),
                List.of(new byte[] {127, 0, 0, 1}, new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}),
                Duration.ofDays(90));
    }

    /**
     * Makes a new key and a certificate for the given names, valid from an hour ago for
     * {@code validity}.
     */
    public static SelfSignedCertificate issue(String commonName, List<String> dnsNames, List<byte[]> addresses,
            Duration validity) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair keys = generator.generateKeyPair();
            byte[] signatureAlgorithm = Der.sequence(Der.oid(1, 2, 840, 10045, 4, 3, 2));
            byte[] name = Der.sequence(Der.set(Der.sequence(Der.oid(2, 5, 4, 3), Der.utf8(commonName))));
            ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
            byte[] tbs = Der.sequence(
                    Der.explicit(0, Der.integer(BigInteger.TWO)),
                    Der.integer(new BigInteger(64, new SecureRandom()).setBit(63)),
                    signatureAlgorithm,
                    name,
                    Der.sequence(Der.utcTime(now.minusHours(1).format(UTC_TIME)),
                            Der.utcTime(now.plus(validity).format(UTC_TIME))),
                    name,
                    keys.getPublic().getEncoded(),
                    Der.explicit(3, Der.sequence(extensions(dnsNames, addresses))));
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(keys.getPrivate());
            signer.update(tbs);
            byte[] certificate = Der.sequence(tbs, signatureAlgorithm, Der.bitString(signer.sign()));
            return new SelfSignedCertificate(pem("CERTIFICATE", certificate),
                    pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot make a self-signed certificate: " + e.getMessage(), e);
        }
    }

    private static byte[][] extensions(List<String> dnsNames, List<byte[]> addresses) {
        List<byte[]> names = new ArrayList<>();
        dnsNames.forEach(dns -> names.add(Der.implicit(2, dns.getBytes(StandardCharsets.US_ASCII))));
        addresses.forEach(address -> names.add(Der.implicit(7, address)));
        byte[] subjectAltNames = Der.sequence(names.toArray(byte[][]::new));
        return new byte[][] {
            extension(new int[] {2, 5, 29, 17}, false, subjectAltNames),
            extension(new int[] {2, 5, 29, 19}, true, Der.sequence()),
            // keyUsage: digitalSignature (bit 0), in a BIT STRING with 7 unused bits
            extension(new int[] {2, 5, 29, 15}, true, Der.tagged(0x03, new byte[] {7, (byte) 0x80})),
            extension(new int[] {2, 5, 29, 37}, false,
                    Der.sequence(Der.oid(1, 3, 6, 1, 5, 5, 7, 3, 1), Der.oid(1, 3, 6, 1, 5, 5, 7, 3, 2)))};
    }

    private static byte[] extension(int[] oid, boolean critical, byte[] value) {
        return critical ? Der.sequence(Der.oid(oid), Der.bool(true), Der.octetString(value))
                : Der.sequence(Der.oid(oid), Der.octetString(value));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    public String certificatePem() {
        return certificatePem;
    }

    public String privateKeyPem() {
        return privateKeyPem;
    }
}
