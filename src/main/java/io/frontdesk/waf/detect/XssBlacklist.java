package io.frontdesk.waf.detect;

import java.util.Arrays;

/**
 * libinjection's judgement of single HTML tokens: the tags, attributes, URL schemes and comments
 * that make an input XSS. Names are compared ignoring ASCII case; a tag's or attribute's name is
 * also read without the NUL bytes old browsers skipped. Each method looks at a token, a span
 * {@code [from, end)} of the input.
 */
final class XssBlacklist {

    /** What an attribute's value can do, by the attribute's name. */
    enum Attribute {
        HARMLESS,
        /** Whatever the value: event handlers, styles, Internet Explorer's data binding, namespaces. */
        ANY_VALUE,
        /** A URL, dangerous by its scheme. */
        URL,
        /** The value names an attribute (SVG's {@code attributeName}), dangerous if that one is. */
        NAMES_ATTRIBUTE
    }

    private static final String[] TAGS = {"APPLET", "BASE", "COMMENT", "EMBED", "FRAME", "FRAMESET", "HANDLER",
        "IFRAME", "IMPORT", "ISINDEX", "LINK", "LISTENER", "META", "NOSCRIPT", "OBJECT", "SCRIPT", "STYLE",
        "VMLFRAME", "XML", "XSS"};

    /** Tags of these namespaces, any name that starts so: {@code svg}, {@code svg:rect}, {@code xsl:template}. */
    private static final String[] TAG_PREFIXES = {"SVG", "XSL"};

    private static final String[] URL_ATTRIBUTES = {"ACTION", "BACKGROUND", "BY", "DYNSRC", "FOLDER", "FORMACTION",
        "FROM", "HANDLER", "HREF", "LOWSRC", "POSTER", "SRC", "TO", "VALUES"};

    private static final String[] ANY_VALUE_ATTRIBUTES = {"DATAFORMATAS", "DATASRC", "FILTER", "STYLE"};

    /** Attributes that start so: {@code xmlns:x} can make any tag, {@code xlink:href} is a URL. */
    private static final String[] ANY_VALUE_ATTRIBUTE_PREFIXES = {"XMLNS", "XLINK"};

    /**
     * Event names, as browsers list them; {@code on} and a name starting with one of them is an
     * event handler.
     */
    private static final String[] EVENTS = {"ABORT", "ACTIVATE", "ACTIVE", "ADDSOURCEBUFFER", "ADDSTREAM",
        "ADDTRACK", "AFTERPRINT", "ANIMATIONCANCEL", "ANIMATIONEND", "ANIMATIONITERATION", "ANIMATIONSTART",
        "AUDIOEND", "AUDIOPROCESS", "AUDIOSTART", "AUTOCOMPLETE", "AUTOCOMPLETEERROR", "BEFOREACTIVATE",
        "BEFORECOPY", "BEFORECUT", "BEFOREINPUT", "BEFORELOAD", "BEFOREPASTE", "BEFOREPRINT", "BEFOREUNLOAD",
        "BEGINEVENT", "BLOCKED", "BLUR", "BOUNDARY", "BUFFEREDAMOUNTLOW", "CACHED", "CANCEL", "CANPLAY",
        "CANPLAYTHROUGH", "CHANGE", "CHARGINGCHANGE", "CHARGINGTIMECHANGE", "CHECKING", "CLICK", "CLOSE",
        "COMPLETE", "COMPOSITIONEND", "COMPOSITIONSTART", "COMPOSITIONUPDATE", "CONNECT", "CONNECTING",
        "CONNECTIONSTATECHANGE", "CONTEXTMENU", "CONTROLLERCHANGE", "COPY", "CUECHANGE", "CUT", "DATAAVAILABLE",
        "DATACHANNEL", "DBLCLICK", "DEVICECHANGE", "DEVICEMOTION", "DEVICEORIENTATION", "DISCHARGINGTIMECHANGE",
        "DISCONNECT", "DOMACTIVATE", "DOMCHARACTERDATAMODIFIED", "DOMCONTENTLOADED", "DOMFOCUSIN", "DOMFOCUSOUT",
        "DOMNODEINSERTED", "DOMNODEINSERTEDINTODOCUMENT", "DOMNODEREMOVED", "DOMNODEREMOVEDFROMDOCUMENT",
        "DOMSUBTREEMODIFIED", "DOWNLOADING", "DRAG", "DRAGEND", "DRAGENTER", "DRAGLEAVE", "DRAGOVER", "DRAGSTART",
        "DROP", "DURATIONCHANGE", "EMPTIED", "ENCRYPTED", "END", "ENDED", "ENDEVENT", "ENTER",
        "ENTERPICTUREINPICTURE", "ERROR", "EXIT", "FETCH", "FINISH", "FOCUS", "FOCUSIN", "FOCUSOUT", "FORMCHANGE",
        "FORMINPUT", "GAMEPADCONNECTED", "GAMEPADDISCONNECTED", "GESTURECHANGE", "GESTUREEND", "GESTURESCROLLEND",
        "GESTURESCROLLSTART", "GESTURESCROLLUPDATE", "GESTURESTART", "GESTURETAP", "GESTURETAPDOWN",
        "GOTPOINTERCAPTURE", "HASHCHANGE", "ICECANDIDATE", "ICECANDIDATEERROR", "ICECONNECTIONSTATECHANGE",
        "ICEGATHERINGSTATECHANGE", "INACTIVE", "INPUT", "INPUTSOURCESCHANGE", "INSTALL", "INVALID", "KEYDOWN",
        "KEYPRESS", "KEYSTATUSESCHANGE", "KEYUP", "LANGUAGECHANGE", "LEAVEPICTUREINPICTURE", "LEVELCHANGE", "LOAD",
        "LOADEDDATA", "LOADEDMETADATA", "LOADEND", "LOADING", "LOADINGDONE", "LOADINGERROR", "LOADSTART",
        "LOSTPOINTERCAPTURE", "MARK", "MERCHANTVALIDATION", "MESSAGE", "MESSAGEERROR", "MOUSEDOWN", "MOUSEENTER",
        "MOUSELEAVE", "MOUSEMOVE", "MOUSEOUT", "MOUSEOVER", "MOUSEUP", "MOUSEWHEEL", "MUTE", "NEGOTIATIONNEEDED",
        "NEXTTRACK", "NOMATCH", "NOUPDATE", "OBSOLETE", "OFFLINE", "ONLINE", "OPEN", "ORIENTATIONCHANGE",
        "OVERCONSTRAINED", "OVERFLOWCHANGED", "PAGEHIDE", "PAGESHOW", "PASTE", "PAUSE", "PAYERDETAILCHANGE",
        "PAYMENTAUTHORIZED", "PAYMENTMETHODCHANGE", "PAYMENTMETHODSELECTED", "PLAY", "PLAYING", "POINTERCANCEL",
        "POINTERDOWN", "POINTERENTER", "POINTERLEAVE", "POINTERLOCKCHANGE", "POINTERLOCKERROR", "POINTERMOVE",
        "POINTEROUT", "POINTEROVER", "POINTERUP", "POPSTATE", "PREVIOUSTRACK", "PROCESSORERROR", "PROGRESS",
        "PROPERTYCHANGE", "RATECHANGE", "READYSTATECHANGE", "REJECTIONHANDLED", "REMOVE", "REMOVESOURCEBUFFER",
        "REMOVESTREAM", "REMOVETRACK", "RESET", "RESIZE", "RESOURCETIMINGBUFFERFULL", "RESULT", "RESUME", "SCROLL",
        "SEARCH", "SECURITYPOLICYVIOLATION", "SEEKED", "SEEKING", "SELECT", "SELECTEND", "SELECTIONCHANGE",
        "SELECTSTART", "SHIPPINGADDRESSCHANGE", "SHIPPINGCONTACTSELECTED", "SHIPPINGMETHODSELECTED",
        "SHIPPINGOPTIONCHANGE", "SHOW", "SIGNALINGSTATECHANGE", "SLOTCHANGE", "SOUNDEND", "SOUNDSTART",
        "SOURCECLOSE", "SOURCEENDED", "SOURCEOPEN", "SPEECHEND", "SPEECHSTART", "SQUEEZE", "SQUEEZEEND",
        "SQUEEZESTART", "STALLED", "START", "STARTED", "STATECHANGE", "STOP", "STORAGE", "SUBMIT", "SUCCESS",
        "SUSPEND", "TEXTINPUT", "TIMEOUT", "TIMEUPDATE", "TOGGLE", "TONECHANGE", "TOUCHCANCEL", "TOUCHEND",
        "TOUCHFORCECHANGE", "TOUCHMOVE", "TOUCHSTART", "TRACK", "TRANSITIONCANCEL", "TRANSITIONEND",
        "TRANSITIONRUN", "TRANSITIONSTART", "UNCAPTUREDERROR", "UNHANDLEDREJECTION", "UNLOAD", "UNMUTE", "UPDATE",
        "UPDATEEND", "UPDATEFOUND", "UPDATEREADY", "UPDATESTART", "UPGRADENEEDED", "VALIDATEMERCHANT",
        "VERSIONCHANGE", "VISIBILITYCHANGE", "VOLUMECHANGE", "WAITING", "WAITINGFORKEY", "WEBGLCONTEXTCHANGED",
        "WEBGLCONTEXTCREATIONERROR", "WEBGLCONTEXTLOST", "WEBGLCONTEXTRESTORED", "WEBKITANIMATIONEND",
        "WEBKITANIMATIONITERATION", "WEBKITANIMATIONSTART", "WEBKITBEFORETEXTINSERTED", "WEBKITBEGINFULLSCREEN",
        "WEBKITCURRENTPLAYBACKTARGETISWIRELESSCHANGED", "WEBKITENDFULLSCREEN", "WEBKITFULLSCREENCHANGE",
        "WEBKITFULLSCREENERROR", "WEBKITKEYADDED", "WEBKITKEYERROR", "WEBKITKEYMESSAGE", "WEBKITMOUSEFORCECHANGED",
        "WEBKITMOUSEFORCEDOWN", "WEBKITMOUSEFORCEUP", "WEBKITMOUSEFORCEWILLBEGIN", "WEBKITNEEDKEY",
        "WEBKITNETWORKINFOCHANGE", "WEBKITPLAYBACKTARGETAVAILABILITYCHANGED", "WEBKITPRESENTATIONMODECHANGED",
        "WEBKITREGIONOVERSETCHANGE", "WEBKITREMOVESOURCEBUFFER", "WEBKITSOURCECLOSE", "WEBKITSOURCEENDED",
        "WEBKITSOURCEOPEN", "WEBKITSPEECHCHANGE", "WEBKITTRANSITIONEND", "WEBKITWILLREVEALBOTTOM",
        "WEBKITWILLREVEALLEFT", "WEBKITWILLREVEALRIGHT", "WEBKITWILLREVEALTOP", "WHEEL", "WRITE", "WRITEEND",
        "WRITESTART", "ZOOM"};

    /** {@link #EVENTS} by their first letter, A to Z. */
    private static final String[][] EVENTS_BY_INITIAL = new String[26][];

    static {
        for (char initial = 'A'; initial <= 'Z'; initial++) {
            char letter = initial;
            EVENTS_BY_INITIAL[letter - 'A'] = Arrays.stream(EVENTS).filter(event -> event.charAt(0) == letter)
                    .toArray(String[]::new);
        }
    }

    /**
     * URL schemes that run script or show content the attacker chose; {@code JAVA} covers
     * {@code javascript:}.
     */
    private static final String[] URL_SCHEMES = {"DATA", "VIEW-SOURCE", "JAVA", "VBSCRIPT"};

    /** Comments that browsers read as markup or instructions, by how they start. */
    private static final String[] SHORT_COMMENT_STARTS = {"[IF", "XML"};
    private static final String[] COMMENT_STARTS = {"IMPORT", "ENTITY"};

    private XssBlacklist() {
    }

    static boolean isDangerousTag(String s, int from, int end) {
        if (end - from < 3) {
            return false;
        }
        for (String tag : TAGS) {
            if (Ascii.equalsIgnoringCaseAndNuls(s, from, end, tag)) {
                return true;
            }
        }
        return startsWithAny(s, from, end, TAG_PREFIXES);
    }

    static Attribute attribute(String s, int from, int end) {
        int length = end - from;
        if (length < 2) {
            return Attribute.HARMLESS;
        }
        if (length >= 5 && (isEventHandler(s, from, end) || startsWithAny(s, from, end, ANY_VALUE_ATTRIBUTE_PREFIXES))) {
            return Attribute.ANY_VALUE;
        }
        if (Ascii.equalsIgnoringCaseAndNuls(s, from, end, "ATTRIBUTENAME")) {
            return Attribute.NAMES_ATTRIBUTE;
        }
        if (equalsAny(s, from, end, ANY_VALUE_ATTRIBUTES)) {
            return Attribute.ANY_VALUE;
        }
        return equalsAny(s, from, end, URL_ATTRIBUTES) ? Attribute.URL : Attribute.HARMLESS;
    }

    /** Whether the value given to an attribute makes the input XSS. */
    static boolean isDangerousValue(Attribute attribute, String s, int from, int end) {
        return switch (attribute) {
            case HARMLESS -> false;
            case ANY_VALUE -> true;
            case URL -> isDangerousUrl(s, from, end);
            case NAMES_ATTRIBUTE -> attribute(s, from, end) != Attribute.HARMLESS;
        };
    }

    /**
     * A comment that Internet Explorer read as markup: one holding a backtick, which it took for
     * the end of a tag; a conditional comment ({@code <!--[if}); an {@code <?xml...>},
     * {@code <?import...>} or {@code <!ENTITY...>}.
     */
    static boolean isDangerousComment(String s, int from, int end) {
        for (int i = from; i < end; i++) {
            if (s.charAt(i) == '`') {
                return true;
            }
        }
        return end - from > 3 && startsWithAny(s, from, end, SHORT_COMMENT_STARTS)
                || startsWithAny(s, from, end, COMMENT_STARTS);
    }

    private static boolean isEventHandler(String s, int from, int end) {
        if (!Ascii.startsWithIgnoringCase(s, from, end, "ON")) {
            return false;
        }
        char initial = Ascii.toUpperCase(s.charAt(from + 2));
        return initial >= 'A' && initial <= 'Z' && startsWithAny(s, from + 2, end, EVENTS_BY_INITIAL[initial - 'A']);
    }

    /**
     * A URL with a dangerous scheme, read after leading blanks, control bytes and bytes from 0x7F
     * up, with numeric character references decoded, and then leading control characters and
     * blanks, and NULs and line feeds anywhere, dropped. A decoded character is compared by its
     * low byte, ignoring ASCII case. One pass compares all schemes.
     */
    private static boolean isDangerousUrl(String s, int from, int end) {
        int start = from;
        while (start < end && (s.charAt(start) <= ' ' || s.charAt(start) >= 0x7F)) {
            start++;
        }
        NumericReferenceReader reader = new NumericReferenceReader(s, start, end);
        int candidates = (1 << URL_SCHEMES.length) - 1;
        int matched = 0;
        boolean leading = true;
        while (reader.hasNext() && candidates != 0) {
            int c = reader.next();
            if (leading && c <= ' ') {
                continue;
            }
            leading = false;
            if (c == 0 || c == '\n') {
                continue;
            }
            int upper = (c >= 'a' && c <= 'z' ? c - ('a' - 'A') : c) & 0xFF;
            for (int i = 0; i < URL_SCHEMES.length; i++) {
                if ((candidates & 1 << i) == 0) {
                    continue;
                }
                if (URL_SCHEMES[i].charAt(matched) != upper) {
                    candidates &= ~(1 << i);
                } else if (matched + 1 == URL_SCHEMES[i].length()) {
                    return true;
                }
            }
            matched++;
        }
        return false;
    }

    private static boolean startsWithAny(String s, int from, int end, String[] words) {
        for (String word : words) {
            if (Ascii.startsWithIgnoringCase(s, from, end, word)) {
                return true;
            }
        }
        return false;
    }

    private static boolean equalsAny(String s, int from, int end, String[] words) {
        for (String word : words) {
            if (Ascii.equalsIgnoringCaseAndNuls(s, from, end, word)) {
                return true;
            }
        }
        return false;
    }
}
