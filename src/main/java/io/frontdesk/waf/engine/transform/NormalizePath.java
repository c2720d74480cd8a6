package io.frontdesk.waf.engine.transform;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * {@code normalizePath}: repeated slashes collapsed, {@code ./} segments dropped and {@code ../}
 * segments resolved against the ones before them (never above the start); a trailing slash is
 * kept. {@code normalizePathWin} first turns backslashes into slashes.
 */
final class NormalizePath implements Transformation {

    private final boolean windows;

    NormalizePath(boolean windows) {
        this.windows = windows;
    }

    @Override
    public String apply(String value) {
        String path = windows ? value.replace('\\', '/') : value;
        if (path.isEmpty()) {
            return path;
        }
        boolean absolute = path.charAt(0) == '/';
        boolean trailing = path.endsWith("/") || path.endsWith("/.") || path.endsWith("/..") || path.equals(".")
                || path.equals("..");
        Deque<String> segments = new ArrayDeque<>();
        int upAboveStart = 0;
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (!segments.isEmpty()) {
                    segments.removeLast();
                } else if (!absolute) {
                    upAboveStart++;
                }
                continue;
            }
            segments.addLast(segment);
        }
        StringBuilder out = new StringBuilder(path.length());
        if (absolute) {
            out.append('/');
        }
        for (int i = 0; i < upAboveStart; i++) {
            out.append("../");
        }
        out.append(String.join("/", segments));
        if (trailing && !segments.isEmpty()) {
            out.append('/');
        }
        if (out.length() > 1 && out.charAt(out.length() - 1) == '/' && segments.isEmpty() && upAboveStart > 0) {
            out.setLength(out.length() - 1);
        }
        return out.toString();
    }
}
