package io.frontdesk.tls;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslOptions;

import io.netty.handler.ssl.SslContextBuilder;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.client.HttpClient;
import reactor.netty.tcp.SslProvider;

/**
 * One pool's TLS to its backends: the CAs a backend certificate must chain to and the client
 * certificate to present (from an SSL bundle), and the server name sent by SNI and required in
 * the backend's certificate. Verification is always on; a backend that fails it is never sent
 * the request. When the bundle's files change, new connections use the new material.
 */
public final class BackendTls {

    private final String serverName;
    private final HttpClient proxyClient;
    private volatile SslProvider provider;
    private volatile HttpClient securedProxyClient;

    /**
     * @param bundle the trust and key material, or {@code null} for the JVM's CAs and no client certificate
     * @param serverName the name to send and verify, or {@code null} for the host of each backend's URL
     * @param proxyClient the client that proxies requests, to be secured with this pool's TLS
     */
    BackendTls(SslBundle bundle, String serverName, HttpClient proxyClient) {
        this.serverName = serverName;
        this.proxyClient = proxyClient;
        update(bundle);
    }

    /** The proxying client with this pool's TLS. */
    public HttpClient proxyClient() {
        return securedProxyClient;
    }

    /** Another client (the health checker's) with this pool's TLS as it is now. */
    public HttpClient secure(HttpClient client) {
        return client.secure(provider);
    }

    void update(SslBundle bundle) {
        SslProvider.Builder builder = SslProvider.builder()
                .sslContext(Http11SslContextSpec.forClient().configure(context -> configure(context, bundle)));
        if (serverName != null) {
            builder.serverNames(new SNIHostName(serverName));
        }
        provider = builder.build();
        securedProxyClient = proxyClient.secure(provider);
    }

    private void configure(SslContextBuilder context, SslBundle bundle) {
        X509ExtendedTrustManager trust = trustManager(bundle);
        context.trustManager(serverName == null ? trust : new ServerNameTrustManager(trust, serverName));
        if (bundle == null) {
            return;
        }
        if (bundle.getStores().getKeyStore() != null) {
            context.keyManager(bundle.getManagers().getKeyManagerFactory());
        }
        SslOptions options = bundle.getOptions();
        if (options.getEnabledProtocols() != null) {
            context.protocols(options.getEnabledProtocols());
        }
        if (options.getCiphers() != null) {
            context.ciphers(Arrays.asList(options.getCiphers()));
        }
    }

    private static X509ExtendedTrustManager trustManager(SslBundle bundle) {
        try {
            TrustManagerFactory factory;
            if (bundle != null) {
                factory = bundle.getManagers().getTrustManagerFactory();
            } else {
                factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                factory.init((KeyStore) null);
            }
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509ExtendedTrustManager x509) {
                    return x509;
                }
            }
            throw new IllegalStateException("the trust manager factory has no X.509 trust manager");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM's default CAs cannot be read", e);
        }
    }
}
