package io.frontdesk.edge;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.web.server.ServerWebExchange;

/**
 * Tells management requests apart from public ones. The management server shares the
 * application's web filters, but actuator scrapes are not traffic and must not be counted or
 * logged as such.
 */
public final class ManagementPort implements ApplicationListener<WebServerInitializedEvent> {

    private volatile int port = -1;

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        if ("management".equals(event.getApplicationContext().getServerNamespace())) {
            port = event.getWebServer().getPort();
        }
    }

    public boolean received(ServerWebExchange exchange) {
        return isManagement(exchange.getRequest().getLocalAddress());
    }

    /** Whether a local address is the management server's. */
    public boolean isManagement(SocketAddress local) {
        return local instanceof InetSocketAddress inet && inet.getPort() == port;
    }
}
