package io.frontdesk.waf.engine.body;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Hands an XML document's text and attributes to a {@link ParsedBody} as the parser reads it: each
 * run of text between tags under the path of its element ({@code /order/item}), each attribute under
 * {@code /order/item/@id}. A path is built once per element, as a byte string shared by all its text,
 * and only for elements that hold text or attributes; their total length is capped by a {@link NameBudget}.
 */
final class XmlCollector extends DefaultHandler {

    /** An open element; its path (a byte string) is built when first needed. */
    private static final class Element {

        final String name;
        String path;

        Element(String name) {
            this.name = name;
        }
    }

    private final ParsedBody parsed;
    private final NameBudget budget;
    private final List<Element> open = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();

    XmlCollector(ParsedBody parsed, NameBudget budget) {
        this.parsed = parsed;
        this.budget = budget;
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes) throws SAXException {
        flushText();
        open.add(new Element(qName));
        for (int i = 0; i < attributes.getLength(); i++) {
            String name = attributes.getQName(i);
            // Namespace declarations are no attributes in libxml2's tree, which ModSecurity queries.
            if (!name.equals("xmlns") && !name.startsWith("xmlns:")) {
                String path = path() + "/@" + bytes(name);
                spend(path.length());
                parsed.xmlAttribute(path, bytes(attributes.getValue(i)));
            }
        }
    }

    @Override
    public void endElement(String uri, String localName, String qName) throws SAXException {
        flushText();
        open.remove(open.size() - 1);
    }

    @Override
    public void characters(char[] chars, int start, int length) {
        text.append(chars, start, length);
    }

    /** Text read before the fault stays, as in the partial tree libxml2 leaves to ModSecurity. */
    @Override
    public void fatalError(SAXParseException e) throws SAXException {
        flushText();
        throw e;
    }

    private void flushText() throws SAXException {
        if (text.length() > 0) {
            parsed.xmlText(path(), bytes(text.toString()));
            text.setLength(0);
        }
    }

    /** The path of the innermost open element, built from the nearest ancestor whose path is known. */
    private String path() throws SAXException {
        int known = open.size() - 1;
        while (known >= 0 && open.get(known).path == null) {
            known--;
        }
        for (int i = known + 1; i < open.size(); i++) {
            String parent = i == 0 ? "" : open.get(i - 1).path;
            Element element = open.get(i);
            element.path = parent + "/" + bytes(element.name);
            spend(element.path.length());
        }
        return open.get(open.size() - 1).path;
    }

    private void spend(int characters) throws SAXException {
        if (!budget.spend(characters)) {
            throw new SAXException("element paths longer than " + budget.limit() + " characters in all");
        }
    }

    /** Text as the bytes of its UTF-8 form, one char each. */
    private static String bytes(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }
}
