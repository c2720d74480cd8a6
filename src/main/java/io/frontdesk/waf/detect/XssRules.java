package io.frontdesk.waf.detect;

import java.util.Locale;
import java.util.Set;

/**
 * Decides whether an HTML token can run script, or change what the page loads or where it sends
 * data:
 *
 * <ul>
 * <li>a start tag that runs or embeds active content or rewrites the page's base, styles, metadata
 *     or forms ({@code script}, {@code iframe}, {@code svg}, {@code style}, {@code base}, ...), by its
 *     name without namespace prefix ({@code x:script}) and ignoring case and NUL bytes, and any tag
 *     in the {@code svg:} or {@code xsl:} namespace;
 * <li>an event handler ({@code on...} with a value): any such name in a tag the input opened; where
 *     the input may only have gone on inside the tag it was placed in, a real handler's name or a
 *     value that calls something, so that {@code status online=yes} is text;
 * <li>a URL attribute whose value, its character references decoded and the tabs and line breaks
 *     browsers drop removed, has the scheme {@code javascript:}, {@code vbscript:},
 *     {@code livescript:}, or {@code data:} with a type that renders or runs
 *     ({@code data:text/html}, {@code data:,...}); the value an input starts in counts as such an
 *     attribute when it goes on to call something ({@code javascript:alert(1)}, not
 *     {@code JavaScript: The Good Parts});
 * <li>a style that runs script ({@code expression(}, {@code behavior:}, {@code -moz-binding},
 *     {@code javascript:}, {@code @import}), {@code srcdoc} holding markup, an SVG
 *     {@code attributeName} naming a handler, Internet Explorer's data binding ({@code datasrc});
 * <li>a doctype, an {@code <?import} or {@code <?xml:namespace} instruction (Internet Explorer's
 *     behaviours), an {@code <?xml-stylesheet} pointing at script,
 *     and the comments browsers read as markup: {@code <!--[if ...]>}, {@code <!ENTITY ...>}; an
 *     {@code <?xml ...?>} declaration is harmless.
 * </ul>
 *
 * Attributes are known by their name without namespace prefix ({@code ev:handler}, {@code xlink:href}).
 */
final class XssRules {

    private static final Set<String> ACTIVE_TAGS = Set.of("script", "iframe", "frame", "frameset", "object", "embed",
            "applet", "svg", "style", "base", "link", "meta", "form", "isindex", "xml", "import", "vmlframe",
            "noscript", "portal", "xss", "handler", "listener", "bgsound", "layer", "ilayer");

    private static final Set<String> URL_ATTRIBUTES = Set.of("href", "src", "action", "formaction", "background",
            "dynsrc", "lowsrc", "poster", "data", "codebase", "from", "to", "values", "by", "folder",
            "handler", "ping", "icon", "manifest", "longdesc", "cite");

    private static final Set<String> SCRIPT_SCHEMES = Set.of("javascript", "vbscript", "livescript");

    private static final Set<String> EVENT_HANDLERS = Set.of("onabort", "onactivate", "onafterprint",
            "onafterscriptexecute", "onanimationcancel", "onanimationend", "onanimationiteration", "onanimationstart",
            "onauxclick", "onbeforeactivate", "onbeforecopy", "onbeforecut", "onbeforedeactivate", "onbeforeinput",
            "onbeforepaste", "onbeforeprint", "onbeforescriptexecute", "onbeforetoggle", "onbeforeunload",
            "onbegin", "onblur", "onbounce", "oncancel", "oncanplay", "oncanplaythrough", "onchange", "onclick",
            "onclose", "oncontextmenu", "oncopy", "oncuechange", "oncut", "ondblclick", "ondeactivate", "ondrag",
            "ondragend", "ondragenter", "ondragleave", "ondragover", "ondragstart", "ondrop", "ondurationchange",
            "onemptied", "onend", "onended", "onerror", "onfilterchange", "onfinish", "onfocus", "onfocusin",
            "onfocusout", "onformdata", "onfullscreenchange", "onhashchange", "oninput", "oninvalid", "onkeydown",
            "onkeypress", "onkeyup", "onload", "onloadeddata", "onloadedmetadata", "onloadend", "onloadstart",
            "onmessage", "onmousedown", "onmouseenter", "onmouseleave", "onmousemove", "onmouseout", "onmouseover",
            "onmouseup", "onmousewheel", "onmove", "onoffline", "ononline", "onpagehide", "onpageshow", "onpaste",
            "onpause", "onplay", "onplaying", "onpointercancel", "onpointerdown", "onpointerenter",
            "onpointerleave", "onpointermove", "onpointerout", "onpointerover", "onpointerrawupdate", "onpointerup",
            "onpopstate", "onprogress", "onpropertychange", "onratechange", "onreadystatechange", "onrepeat",
            "onreset", "onresize", "onscroll", "onscrollend", "onsearch", "onseeked", "onseeking", "onselect",
            "onselectionchange", "onselectstart", "onshow", "onstart", "onstalled", "onstorage", "onsubmit",
            "onsuspend", "ontimeupdate", "ontoggle", "ontouchcancel", "ontouchend", "ontouchmove", "ontouchstart",
            "ontransitioncancel", "ontransitionend", "ontransitionrun", "ontransitionstart", "onunload",
            "onvolumechange", "onwaiting", "onwebkitanimationend", "onwebkittransitionend", "onwheel");

    /** What runs script in a style. */
    private static final String[] STYLE_SCRIPT = {"expression(", "behavior:", "behaviour:", "-moz-binding",
        "javascript:", "vbscript:", "@import"};

    private XssRules() {
    }

    static boolean isXss(HtmlToken token) {
        return switch (token.type()) {
            case START_TAG -> isActiveTag(token.name());
            case ATTRIBUTE -> token.value() != null && isDangerousAttribute(token);
            case DOCTYPE -> true;
            case PROCESSING_INSTRUCTION -> startsWithIgnoringCase(token.value(), "import")
                    || startsWithIgnoringCase(token.value(), "xml:namespace")
                    || startsWithIgnoringCase(token.value(), "xml-stylesheet") && loadsScript(token.value());
            case COMMENT -> startsWithIgnoringCase(token.value(), "[if")
                    || startsWithIgnoringCase(token.value(), "entity");
            case END_TAG -> false;
        };
    }

    /**
     * Whether an {@code <?xml-stylesheet ...?>}'s pseudo-attributes, read as a tag's attributes,
     * point at script. The instruction ends at the first {@code >}, so its text holds no other
     * instruction and this reads it once.
     */
    private static boolean loadsScript(String instruction) {
        HtmlTokenizer tokenizer = new HtmlTokenizer("<" + instruction + ">", HtmlTokenizer.Start.TEXT);
        for (HtmlToken token = tokenizer.next(); token != null; token = tokenizer.next()) {
            if (token.type() == HtmlToken.Type.ATTRIBUTE && isXss(token)) {
                return true;
            }
        }
        return false;
    }

    /**
     * By the name's local part, and by what comes before and after a {@code <} inside it: a second
     * try at a tag ({@code <scr<script>}) for filters that strip the first, or a parser that stops
     * there ({@code <script<{alert(1)}>}).
     */
    private static boolean isActiveTag(String name) {
        String full = normalName(name);
        int lt = full.indexOf('<');
        return isActiveTagName(lt < 0 ? full : full.substring(0, lt))
                || isActiveTagName(full.substring(full.lastIndexOf('<') + 1));
    }

    private static boolean isActiveTagName(String name) {
        return ACTIVE_TAGS.contains(localName(name)) || name.startsWith("svg:") || name.startsWith("xsl:");
    }

    private static String localName(String name) {
        return name.substring(name.lastIndexOf(':') + 1);
    }

    private static boolean isDangerousAttribute(HtmlToken token) {
        String value = HtmlEntities.decode(token.value());
        if (token.name() == null) {
            return isScriptUrl(value, true) || isScriptStyle(value, true);
        }
        String name = localName(normalName(token.name()));
        if (name.length() >= 5 && name.startsWith("on")) {
            return token.inTag() || EVENT_HANDLERS.contains(name) || callsSomething(value);
        }
        if (URL_ATTRIBUTES.contains(name)) {
            return isScriptUrl(value, false);
        }
        return switch (name) {
            case "style" -> isScriptStyle(value, false);
            case "srcdoc" -> value.indexOf('<') >= 0;
            case "attributename" -> startsWithIgnoringCase(value.strip(), "on");
            case "datasrc", "dataformatas" -> true;
            default -> false;
        };
    }

    /** Lower case, without the NUL bytes some parsers skip. */
    private static String normalName(String name) {
        return name.replace("\0", "").toLowerCase(Locale.ROOT);
    }

    private static boolean callsSomething(String value) {
        return value.indexOf('(') >= 0 || value.indexOf('`') >= 0;
    }

    /**
     * Whether a URL runs script or renders markup. Leading blanks and control bytes go, as do tabs,
     * line breaks and NULs anywhere, as browsers drop them, and a leading backtick, which Internet
     * Explorer took for a quote. {@code guessed}: the value's attribute is
     * not known, so a script URL must also call something.
     */
    static boolean isScriptUrl(String value, boolean guessed) {
        int colon = -1;
        StringBuilder scheme = new StringBuilder();
        for (int i = 0; i < value.length() && scheme.length() <= 10; i++) {
            char c = value.charAt(i);
            if (c == ':') {
                colon = i;
                break;
            }
            if (c > ' ' && c != 0x7F && !(c == '`' && scheme.length() == 0)) {
                scheme.append(Character.toLowerCase(c));
            } else if (scheme.length() > 0 && c != '\t' && c != '\n' && c != '\r' && c != 0) {
                return false;
            }
        }
        if (colon < 0) {
            return false;
        }
        String rest = value.substring(colon + 1);
        if (SCRIPT_SCHEMES.contains(scheme.toString())) {
            return !guessed || callsSomething(rest) || rest.indexOf('=') >= 0;
        }
        return scheme.toString().equals("data") && isActiveDataType(rest);
    }

    /**
     * A data: URL's type, up to its {@code ;} or {@code ,}: none (text, which a script src runs), or
     * markup or script.
     */
    private static boolean isActiveDataType(String afterScheme) {
        int comma = afterScheme.indexOf(',');
        if (comma < 0) {
            return false;
        }
        String type = afterScheme.substring(0, comma).toLowerCase(Locale.ROOT);
        int semicolon = type.indexOf(';');
        String mediaType = (semicolon < 0 ? type : type.substring(0, semicolon)).strip();
        return mediaType.isEmpty() || mediaType.contains("html") || mediaType.contains("xml")
                || mediaType.contains("svg") || mediaType.contains("script");
    }

    /**
     * A style that runs script, read without blanks, quotes, comments and CSS escapes' backslashes.
     * {@code guessed}: the value's attribute is not known, so the text must read as CSS there: each
     * marker where a CSS name or value starts, a script URL inside {@code url(} ({@code
     * condition-expression(}, a JSON {@code "ScalingBehavior":} and {@code JavaScript: The Good
     * Parts} are not styles).
     */
    private static boolean isScriptStyle(String value, boolean guessed) {
        StringBuilder plain = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '/' && i + 1 < value.length() && value.charAt(i + 1) == '*') {
                int close = value.indexOf("*/", i + 2);
                i = close < 0 ? value.length() : close + 1;
            } else if (c > ' ' && c != '\\' && c != '"' && c != '\'') {
                plain.append(Character.toLowerCase(c));
            }
        }
        String text = plain.toString();
        for (String marker : STYLE_SCRIPT) {
            for (int at = text.indexOf(marker); at >= 0; at = text.indexOf(marker, at + 1)) {
                boolean startsName = at == 0 || !isNamePart(text.charAt(at - 1));
                if (!guessed || (marker.endsWith("script:") ? text.startsWith("url(", at - 4) : startsName)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Part of a CSS name, so that {@code condition-expression(} and {@code scalingbehavior:} are not matches. */
    private static boolean isNamePart(char c) {
        return Character.isLetterOrDigit(c) || c == '-' || c == '_';
    }

    private static boolean startsWithIgnoringCase(String text, String prefix) {
        return text.regionMatches(true, 0, prefix, 0, prefix.length());
    }
}
