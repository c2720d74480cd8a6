package io.frontdesk.balancer;

import java.net.URI;

import reactor.netty.http.client.HttpClient;

/**
 * The backend URL handed to Reactor Netty. Given as text, Reactor Netty parses it with a regular
 * expression on every request; given as a URI, it reads the parts already parsed. The two agree
 * on an ASCII URL without user information, which is what a request to a backend is; any other
 * goes as the text the framework's routing filter sent, non-ASCII characters escaped.
 */
final class BackendTarget {

    private BackendTarget() {
    }

    static HttpClient.RequestSender applyTo(HttpClient.RequestSender sender, URI url) {
        return asParsed(url) ? sender.uri(url) : sender.uri(url.toASCIIString());
    }

    static boolean asParsed(URI url) {
        return url.isAbsolute() && url.getHost() != null && url.getRawUserInfo() == null
                && ascii(url.getRawPath()) && ascii(url.getRawQuery());
    }

    private static boolean ascii(String text) {
        if (text == null) {
            return true;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
