package io.frontdesk.waf.detect;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.NodeList;
import org.xml.sax.helpers.DefaultHandler;

import io.frontdesk.waf.engine.transform.Transformations;

/**
 * A request of a CRS regression test, and the variables ModSecurity would give rules from it:
 * arguments from the query string and a form body, cookies, headers, and an XML body's text and
 * attributes. Names and values are byte strings, URL-decoded as ModSecurity decodes arguments.
 */
record CrsRequest(String uri, Map<String, String> headers, String body) {

    /** One variable: the collection, the name in it, and the value. */
    record Variable(String collection, String name, String value) {
    }

    CrsRequest {
        Map<String, String> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        caseInsensitive.putAll(headers);
        headers = caseInsensitive;
        uri = uri == null ? "/" : uri;
        body = body == null ? "" : body;
    }

    List<Variable> variables() {
        List<Variable> variables = new ArrayList<>();
        int query = uri.indexOf('?');
        if (query >= 0) {
            arguments(uri.substring(query + 1), variables);
        }
        String contentType = headers.getOrDefault("Content-Type", "application/x-www-form-urlencoded");
        if (contentType.contains("xml")) {
            xml(variables);
        } else if (contentType.startsWith("application/x-www-form-urlencoded")) {
            arguments(body, variables);
        }
        for (Map.Entry<String, String> header : headers.entrySet()) {
            variables.add(new Variable("REQUEST_HEADERS", header.getKey(), header.getValue()));
        }
        for (String cookie : headers.getOrDefault("Cookie", "").split(";")) {
            if (!cookie.isBlank()) {
                int equals = cookie.indexOf('=');
                String name = (equals < 0 ? cookie : cookie.substring(0, equals)).strip();
                variables.add(new Variable("REQUEST_COOKIES", name, equals < 0 ? "" : cookie.substring(equals + 1)));
            }
        }
        return variables;
    }

    private static void arguments(String encoded, List<Variable> variables) {
        for (String pair : encoded.split("&")) {
            if (!pair.isEmpty()) {
                int equals = pair.indexOf('=');
                String name = urlDecode(equals < 0 ? pair : pair.substring(0, equals));
                variables.add(new Variable("ARGS", name, equals < 0 ? "" : urlDecode(pair.substring(equals + 1))));
            }
        }
    }

    private static String urlDecode(String text) {
        return Transformations.named("urlDecode").apply(text);
    }

    /** XML:/* (the root's text) and XML://@* (every attribute); a body that is not XML gives none. */
    private void xml(List<Variable> variables) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new DefaultHandler());
            Document document = builder.parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.ISO_8859_1)));
            variables.add(new Variable("XML", "/*", document.getDocumentElement().getTextContent()));
            NodeList elements = document.getElementsByTagName("*");
            for (int i = 0; i < elements.getLength(); i++) {
                NamedNodeMap attributes = ((Element) elements.item(i)).getAttributes();
                for (int k = 0; k < attributes.getLength(); k++) {
                    variables.add(new Variable("XML", "//@*", attributes.item(k).getNodeValue()));
                }
            }
        } catch (Exception notXml) {
            // ModSecurity flags the body as unparsable and gives XML rules nothing to inspect
        }
    }
}
