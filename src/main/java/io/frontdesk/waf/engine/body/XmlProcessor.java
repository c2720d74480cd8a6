package io.frontdesk.waf.engine.body;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;

import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/**
 * XML ({@code text/xml}, {@code application/xml} and the {@code +xml} types): the document must be
 * well-formed; the text of every element is XML text (so that {@code XML:/*} is the text of the whole
 * document, as libxml2 gives it to ModSecurity) and every attribute value is an XML attribute
 * ({@code XML://@*}). Text and attribute values are UTF-8 bytes, whatever encoding the document declares.
 *
 * <p>The JDK's parser reads the bytes as sent (their encoding from the XML declaration or a byte
 * order mark). A document type declaration is refused, so no entity is ever defined or expanded and
 * nothing outside the body is ever read: request bodies have no use for one, and in practice it
 * announces an entity expansion or external entity attack. ModSecurity accepts it and loads no
 * external entity. Like libxml2, the parser allows 256 nested elements.
 */
public final class XmlProcessor implements BodyProcessor {

    private static final String ERROR = "XML parsing error: XML: Failed parsing document.";
    private static final int DEPTH_LIMIT = 256;
    private static final String MAX_ELEMENT_DEPTH = "http://www.oracle.com/xml/jaxp/properties/maxElementDepth";
    private static final SAXParserFactory FACTORY = safeFactory();

    @Override
    public void process(String body, String contentType, ParsedBody parsed) {
        try {
            XMLReader reader = newParser().getXMLReader();
            reader.setProperty(MAX_ELEMENT_DEPTH, DEPTH_LIMIT);
            XmlCollector collector = new XmlCollector(parsed, new NameBudget(body.length()));
            reader.setContentHandler(collector);
            reader.setErrorHandler(collector);
            reader.parse(new InputSource(new ByteArrayInputStream(body.getBytes(StandardCharsets.ISO_8859_1))));
        } catch (SAXException | IOException e) {
            parsed.error(ERROR);
        }
    }

    /** A factory is not thread-safe; the parsers it makes are used by one request each. */
    private static SAXParser newParser() throws SAXException {
        synchronized (FACTORY) {
            try {
                return FACTORY.newSAXParser();
            } catch (ParserConfigurationException e) {
                throw new IllegalStateException("the XML parser cannot be configured", e);
            }
        }
    }

    private static SAXParserFactory safeFactory() {
        SAXParserFactory factory = SAXParserFactory.newInstance();
        factory.setNamespaceAware(false);
        factory.setValidating(false);
        factory.setXIncludeAware(false);
        try {
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("the XML parser cannot be made safe", e);
        }
        return factory;
    }
}
