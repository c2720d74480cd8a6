package io.frontdesk.tls;

import java.io.ByteArrayOutputStream;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A TLS 1.1 ClientHello written byte by byte: the JDK's own client will not offer TLS 1.1 any
 * more, so this is how a test plays an old client against the server.
 */
final class Tls11ClientHello {

    private Tls11ClientHello() {
    }

    static byte[] bytes() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(0x03);
        body.write(0x02);
        byte[] random = new byte[32];
        ThreadLocalRandom.current().nextBytes(random);
        body.writeBytes(random);
        body.write(0);
        // TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA, TLS_RSA_WITH_AES_128_CBC_SHA
        body.writeBytes(new byte[] {0, 6, (byte) 0xc0, 0x13, (byte) 0xc0, 0x09, 0x00, 0x2f});
        body.writeBytes(new byte[] {1, 0});
        byte[] hello = body.toByteArray();

        ByteArrayOutputStream handshake = new ByteArrayOutputStream();
        handshake.write(0x01);
        handshake.writeBytes(new byte[] {0, (byte) (hello.length >> 8), (byte) hello.length});
        handshake.writeBytes(hello);
        byte[] message = handshake.toByteArray();

        ByteArrayOutputStream record = new ByteArrayOutputStream();
        record.writeBytes(new byte[] {0x16, 0x03, 0x02, (byte) (message.length >> 8), (byte) message.length});
        record.writeBytes(message);
        return record.toByteArray();
    }
}
