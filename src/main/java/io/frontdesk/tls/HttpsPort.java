package io.frontdesk.tls;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

/** The HTTPS port that redirects name: configured, or the one the gateway's own server got. */
public final class HttpsPort implements ApplicationListener<WebServerInitializedEvent> {

    private final Integer configured;
    private volatile int bound = 443;

    public HttpsPort(Integer configured) {
        this.configured = configured;
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        if (event.getApplicationContext().getServerNamespace() == null) {
            bound = event.getWebServer().getPort();
        }
    }

    int port() {
        return configured != null ? configured : bound;
    }
}
