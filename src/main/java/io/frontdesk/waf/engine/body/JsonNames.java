package io.frontdesk.waf.engine.body;

import java.util.ArrayList;
import java.util.List;

/**
 * Names JSON values as ModSecurity v3 names them: {@code json}, then each object key after a dot,
 * and each array element as {@code .array_N} after its array's name: {@code {"a":{"b":[5]}}} gives
 * {@code json.a.b.array_0}. A value at the top is {@code json}; an empty key is {@code empty-key}.
 */
final class JsonNames {

    private static final String TOP = "json";
    private static final String EMPTY_KEY = "empty-key";

    /** An open object or array; {@code start} is where its part of the path begins. */
    private static final class Container {

        final boolean array;
        final int start;
        int elements;

        Container(boolean array, int start) {
            this.array = array;
            this.start = start;
        }
    }

    private final List<Container> open = new ArrayList<>();
    /** The names of the open containers, each with the separator of the one before it. */
    private final StringBuilder path = new StringBuilder();
    private String key = "";

    int depth() {
        return open.size();
    }

    boolean inArray() {
        return !open.isEmpty() && top().array;
    }

    void key(String name) {
        key = name;
    }

    void open(boolean array) {
        String name = name();
        int start = path.length();
        if (!open.isEmpty()) {
            appendSeparator(top(), path);
        }
        path.append(name);
        open.add(new Container(array, start));
    }

    void close() {
        Container closed = open.remove(open.size() - 1);
        path.setLength(closed.start);
        if (inArray()) {
            top().elements++;
        }
    }

    /** How long the name of the next value will be. */
    long nextLength() {
        if (open.isEmpty()) {
            return TOP.length();
        }
        Container top = top();
        return path.length() + (top.array ? ".array_".length() + digits(top.elements) : 1 + keyLength());
    }

    /** The name of a value, which then counts as read. */
    String next() {
        if (open.isEmpty()) {
            return TOP;
        }
        Container top = top();
        int end = path.length();
        appendSeparator(top, path);
        if (top.array) {
            top.elements++;
        } else {
            path.append(name());
        }
        String name = path.toString();
        path.setLength(end);
        return name;
    }

    private static void appendSeparator(Container container, StringBuilder to) {
        if (container.array) {
            to.append(".array_").append(container.elements);
        } else {
            to.append('.');
        }
    }

    /** ModSecurity's current key: consumed by the value or container it names. */
    private String name() {
        if (open.isEmpty()) {
            return TOP;
        }
        if (key.isEmpty()) {
            return top().array ? "" : EMPTY_KEY;
        }
        String name = key;
        key = "";
        return name;
    }

    private int keyLength() {
        return key.isEmpty() ? EMPTY_KEY.length() : key.length();
    }

    private Container top() {
        return open.get(open.size() - 1);
    }

    private static int digits(int number) {
        return Integer.toString(number).length();
    }
}
