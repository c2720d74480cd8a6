package io.frontdesk.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * Backends named b2, b3, ... on 127.0.0.2, 127.0.0.3, ..., all on the first one's port, as the
 * pods behind one Service are: a discovered pool tells them apart by address alone.
 */
public final class LoopbackFarm implements AutoCloseable {

    private final List<TestBackend> backends = new ArrayList<>();

    public LoopbackFarm start(int... lastOctets) {
        for (int octet : lastOctets) {
            backends.add(TestBackend.startOn("b" + octet, address(octet), backends.isEmpty() ? 0 : port()));
        }
        return this;
    }

    public static String address(int lastOctet) {
        return "127.0.0." + lastOctet;
    }

    public int port() {
        return backends.get(0).port();
    }

    /** The pool member id of the backend on {@code 127.0.0.lastOctet}. */
    public String id(int lastOctet) {
        return address(lastOctet) + ":" + port();
    }

    public TestBackend backend(int lastOctet) {
        return backends.stream().filter(backend -> backend.name().equals("b" + lastOctet)).findFirst()
                .orElseThrow();
    }

    public List<TestBackend> all() {
        return List.copyOf(backends);
    }

    /** The names of the backends that answered {@code requests} GETs of / through the gateway, each a 200. */
    public static List<String> answeredBy(RunningGateway gateway, int requests) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            HttpResponse<String> response = gateway.get("/");
            assertThat(response.statusCode()).isEqualTo(200);
            names.add(response.headers().firstValue("X-Backend-Instance").orElseThrow());
        }
        return names;
    }

    @Override
    public void close() {
        backends.forEach(TestBackend::close);
    }
}
