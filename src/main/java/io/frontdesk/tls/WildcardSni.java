package io.frontdesk.tls;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerSslBundle;

import io.netty.handler.ssl.ClientAuth;
import reactor.netty.http.Http2SslContextSpec;
import reactor.netty.http.server.HttpServer;
import reactor.netty.tcp.SslProvider;

/**
 * Certificate choice by SNI with wildcard names. Spring Boot's server-name bundles match names
 * exactly; when one of them is a wildcard ({@code *.example.com}, covering one label, as
 * RFC 6125 has it) this takes over the choice: exact name first, then the wildcard of the
 * parent domain, then the default certificate. It keeps Boot's reloading: when a bundle's files
 * change, its certificate is rebuilt and served to new connections.
 */
public final class WildcardSni implements NettyServerCustomizer {

    private static final Logger log = LoggerFactory.getLogger(WildcardSni.class);

    private final Ssl ssl;
    private final SslBundles bundles;
    private final boolean needed;
    private final Map<String, SslProvider> byName = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile SslProvider fallback;

    public WildcardSni(Ssl ssl, SslBundles bundles) {
        this.ssl = ssl;
        this.bundles = bundles;
        this.needed = Ssl.isEnabled(ssl)
                && ssl.getServerNameBundles().stream().anyMatch(named -> named.serverName().startsWith("*."));
    }

    @Override
    public HttpServer apply(HttpServer server) {
        if (!needed || server.configuration().sslProvider() == null) {
            return server;
        }
        fallback = provider(WebServerSslBundle.get(ssl, bundles));
        if (ssl.getBundle() != null) {
            bundles.addBundleUpdateHandler(ssl.getBundle(), updated -> fallback = provider(updated));
        }
        for (Ssl.ServerNameSslBundle named : ssl.getServerNameBundles()) {
            String name = named.serverName().toLowerCase(Locale.ROOT);
            byName.put(name, provider(bundles.getBundle(named.bundle())));
            bundles.addBundleUpdateHandler(named.bundle(), updated -> {
                byName.put(name, provider(updated));
                log.info("Reloaded the certificate for {}", name);
            });
        }
        return server.secure(SslProvider.builder().sslContext(fallback.getSslContext())
                .setSniAsyncMappings((serverName, promise) -> promise.setSuccess(select(serverName))).build());
    }

    /** Exact name, then the wildcard of its parent domain, then the default. */
    SslProvider select(String serverName) {
        if (serverName != null) {
            String name = serverName.toLowerCase(Locale.ROOT);
            SslProvider exact = byName.get(name);
            if (exact != null) {
                return exact;
            }
            int dot = name.indexOf('.');
            if (dot > 0) {
                SslProvider wildcard = byName.get("*" + name.substring(dot));
                if (wildcard != null) {
                    return wildcard;
                }
            }
        }
        return fallback;
    }

    /** A server TLS context for a bundle, with HTTP/2 by ALPN, as Spring Boot builds its own. */
    private SslProvider provider(SslBundle bundle) {
        SslOptions options = bundle.getOptions();
        Http2SslContextSpec spec = Http2SslContextSpec.forServer(bundle.getManagers().getKeyManagerFactory())
                .configure(builder -> {
                    builder.trustManager(bundle.getManagers().getTrustManagerFactory());
                    String[] protocols = first(options.getEnabledProtocols(), ssl.getEnabledProtocols());
                    if (protocols != null) {
                        builder.protocols(protocols);
                    }
                    String[] ciphers = first(options.getCiphers(), ssl.getCiphers());
                    if (ciphers != null) {
                        builder.ciphers(Set.of(ciphers));
                    }
                    builder.clientAuth(clientAuth(ssl.getClientAuth()));
                });
        return SslProvider.builder().sslContext(spec).build();
    }

    private static String[] first(String[] preferred, String[] otherwise) {
        return preferred != null ? preferred : otherwise;
    }

    private static ClientAuth clientAuth(Ssl.ClientAuth clientAuth) {
        if (clientAuth == null) {
            return ClientAuth.NONE;
        }
        return switch (clientAuth) {
            case NEED -> ClientAuth.REQUIRE;
            case WANT -> ClientAuth.OPTIONAL;
            default -> ClientAuth.NONE;
        };
    }
}
