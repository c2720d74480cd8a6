package io.frontdesk.tls;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.SSLHandshakeException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerSslBundle;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContextBuilder;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.Http2SslContextSpec;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.server.HttpServer;
import reactor.netty.tcp.SslProvider;

/**
 * The TLS side of the HTTPS listener, built from Spring Boot's {@code server.ssl} bundles in
 * place of Boot's own so that it can do three things Boot's cannot: choose certificates by
 * wildcard SNI names ({@code *.example.com}, covering one label, as RFC 6125 has it; exact name
 * first, then the wildcard of the parent domain, then the default), refuse names it has no
 * certificate for when asked to (HAProxy's strict-sni), and bound the whole handshake, from
 * accept to the finished handshake, by a configured time. It keeps Boot's reloading: when a
 * bundle's files change, its certificate is rebuilt and served to new connections.
 */
public final class TlsListener implements NettyServerCustomizer {

    private static final Logger log = LoggerFactory.getLogger(TlsListener.class);

    private final Ssl ssl;
    private final SslBundles bundles;
    private final long handshakeTimeoutMillis;
    private final boolean strictSni;
    private final Map<String, SslProvider> byName = new ConcurrentHashMap<>();
    private volatile SslProvider fallback;

    public TlsListener(Ssl ssl, SslBundles bundles, Duration handshakeTimeout, boolean strictSni) {
        this.ssl = ssl;
        this.bundles = bundles;
        this.handshakeTimeoutMillis = handshakeTimeout.toMillis();
        this.strictSni = strictSni;
    }

    @Override
    public HttpServer apply(HttpServer server) {
        if (!Ssl.isEnabled(ssl) || server.configuration().sslProvider() == null) {
            return server;
        }
        boolean http2 = Arrays.asList(server.configuration().protocols()).contains(HttpProtocol.H2);
        fallback = provider(WebServerSslBundle.get(ssl, bundles), http2);
        if (ssl.getBundle() != null) {
            bundles.addBundleUpdateHandler(ssl.getBundle(), updated -> {
                fallback = provider(updated, http2);
                log.info("Reloaded the default certificate");
            });
        }
        for (Ssl.ServerNameSslBundle named : ssl.getServerNameBundles()) {
            String name = named.serverName().toLowerCase(Locale.ROOT);
            byName.put(name, provider(bundles.getBundle(named.bundle()), http2));
            bundles.addBundleUpdateHandler(named.bundle(), updated -> {
                byName.put(name, provider(updated, http2));
                log.info("Reloaded the certificate for {}", name);
            });
        }
        return server.secure(SslProvider.builder().sslContext(fallback.getSslContext())
                .handshakeTimeoutMillis(handshakeTimeoutMillis)
                .setSniAsyncMappings((serverName, promise) -> {
                    SslProvider selected = select(serverName);
                    return selected != null ? promise.setSuccess(selected)
                            : promise.setFailure(new UnknownServerName(serverName));
                }).build());
    }

    /** Exact name, then the wildcard of its parent domain, then the default unless SNI is strict. */
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
        return strictSni ? null : fallback;
    }

    /** A server TLS context for a bundle, with the listener's protocols, ciphers and client authentication. */
    private SslProvider provider(SslBundle bundle, boolean http2) {
        var keys = bundle.getManagers().getKeyManagerFactory();
        SslProvider.ProtocolSslContextSpec spec = http2
                ? Http2SslContextSpec.forServer(keys).configure(builder -> configure(builder, bundle))
                : Http11SslContextSpec.forServer(keys).configure(builder -> configure(builder, bundle));
        return SslProvider.builder().sslContext(spec).handshakeTimeoutMillis(handshakeTimeoutMillis).build();
    }

    private void configure(SslContextBuilder builder, SslBundle bundle) {
        SslOptions options = bundle.getOptions();
        builder.trustManager(bundle.getManagers().getTrustManagerFactory());
        String[] protocols = first(options.getEnabledProtocols(), ssl.getEnabledProtocols());
        if (protocols != null) {
            builder.protocols(protocols);
        }
        String[] ciphers = first(options.getCiphers(), ssl.getCiphers());
        if (ciphers != null) {
            builder.ciphers(Arrays.asList(ciphers));
        }
        builder.clientAuth(clientAuth(ssl.getClientAuth()));
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

    /** A client named a server the listener has no certificate for while SNI is strict. */
    static final class UnknownServerName extends SSLHandshakeException {

        UnknownServerName(String serverName) {
            super(serverName == null ? "the client named no server" : "no certificate for " + serverName);
        }
    }
}
