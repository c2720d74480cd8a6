package io.frontdesk.tls;

import java.util.HashMap;
import java.util.Map;

import javax.net.ssl.SNIHostName;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;

import io.frontdesk.config.InvalidConfigurationException;
import io.frontdesk.config.PoolProperties;
import reactor.netty.http.client.HttpClient;

/** The TLS of every pool that has {@code frontdesk.pools.NAME.tls} settings, by pool name. */
public final class PoolTlsClients {

    private static final Logger log = LoggerFactory.getLogger(PoolTlsClients.class);

    private final Map<String, BackendTls> byPool;

    private PoolTlsClients(Map<String, BackendTls> byPool) {
        this.byPool = byPool;
    }

    /** Builds each pool's TLS; a missing bundle or an invalid server name stops start-up naming its key. */
    public static PoolTlsClients from(Map<String, PoolProperties> pools, SslBundles bundles, HttpClient proxyClient) {
        Map<String, BackendTls> byPool = new HashMap<>();
        pools.forEach((pool, properties) -> {
            PoolProperties.BackendTlsProperties tls = properties.tls();
            if (!tls.configured()) {
                return;
            }
            String prefix = "frontdesk.pools." + pool + ".tls";
            String serverName = serverName(prefix + ".server-name", tls.serverName());
            BackendTls backendTls = new BackendTls(tls.bundle() == null ? null : bundle(prefix, tls.bundle(), bundles),
                    serverName, proxyClient);
            if (tls.bundle() != null) {
                bundles.addBundleUpdateHandler(tls.bundle(), updated -> {
                    backendTls.update(updated);
                    log.info("Reloaded the TLS material of pool {} from bundle {}", pool, tls.bundle());
                });
            }
            byPool.put(pool, backendTls);
        });
        return new PoolTlsClients(Map.copyOf(byPool));
    }

    /** The pool's TLS, or {@code null} when the pool has no settings of its own. */
    public BackendTls get(String pool) {
        return byPool.get(pool);
    }

    private static SslBundle bundle(String prefix, String name, SslBundles bundles) {
        try {
            return bundles.getBundle(name);
        } catch (NoSuchSslBundleException e) {
            throw new InvalidConfigurationException(prefix + ".bundle",
                    "there is no SSL bundle named '" + name + "' under spring.ssl.bundle");
        }
    }

    private static String serverName(String key, String value) {
        if (value == null) {
            return null;
        }
        try {
            return new SNIHostName(value).getAsciiName();
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(key, "'" + value + "' is not a host name: " + e.getMessage());
        }
    }
}
