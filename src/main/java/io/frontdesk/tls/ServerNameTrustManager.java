package io.frontdesk.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts a backend's certificate only when it chains to the configured CAs (the delegate's
 * check) and names the configured server, as nginx's {@code proxy_ssl_name} does. The JDK's own
 * hostname check accepts either the SNI name or the connected IP address; this one accepts the
 * server name alone. Names are matched against the certificate's DNS subject alternative names,
 * a wildcard standing for exactly one left-most label (RFC 6125); the common name is not read.
 */
final class ServerNameTrustManager extends X509ExtendedTrustManager {

    private static final int DNS_NAME = 2;

    private final X509ExtendedTrustManager delegate;
    private final String serverName;

    ServerNameTrustManager(X509ExtendedTrustManager delegate, String serverName) {
        this.delegate = delegate;
        this.serverName = serverName.toLowerCase(Locale.ROOT);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        delegate.checkServerTrusted(chain, authType, engine);
        requireServerName(chain[0]);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        delegate.checkServerTrusted(chain, authType, socket);
        requireServerName(chain[0]);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate.checkServerTrusted(chain, authType);
        requireServerName(chain[0]);
    }

    private void requireServerName(X509Certificate certificate) throws CertificateException {
        for (String name : dnsNames(certificate)) {
            if (matches(name.toLowerCase(Locale.ROOT), serverName)) {
                return;
            }
        }
        throw new CertificateException("the backend's certificate does not name " + serverName);
    }

    static boolean matches(String certificateName, String serverName) {
        if (certificateName.startsWith("*.")) {
            int dot = serverName.indexOf('.');
            return dot > 0 && serverName.substring(dot).equals(certificateName.substring(1));
        }
        return certificateName.equals(serverName);
    }

    private static List<String> dnsNames(X509Certificate certificate) throws CertificateParsingException {
        Collection<List<?>> names = certificate.getSubjectAlternativeNames();
        if (names == null) {
            return List.of();
        }
        return names.stream().filter(entry -> entry.get(0) instanceof Integer type && type == DNS_NAME)
                .map(entry -> (String) entry.get(1)).toList();
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        delegate.checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        delegate.checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate.checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegate.getAcceptedIssuers();
    }
}
