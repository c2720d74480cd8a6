package io.frontdesk.waf.engine.transform;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * {@code normalizePath}: repeated slashes collapsed, {@code ./} segments dropped and {@code ../}
 * segments resolved against the ones before them (never above the root; a relative path keeps the
 * ones it cannot resolve); the result ends with a slash when the path did. {@code normalizePathWin}
 * first turns backslashes into slashes.
 */
final class NormalizePath implements Transformation {

    private final boolean windows;

    NormalizePath(boolean windows) {
        this.windows = windows;
    }

    @Override
    public String apply(String value) {
        String path = windows ? value.replace('\\', '/') : value;
        if (isNormal(path)) {
            return path;
        }
        boolean absolute = path.charAt(0) == '/';
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (!segment.equals("..")) {
                segments.addLast(segment);
            } else if (!segments.isEmpty() && !segments.peekLast().equals("..")) {
                segments.removeLast();
            } else if (!absolute) {
                segments.addLast(segment);
            }
        }
        StringBuilder out = new StringBuilder(path.length());
        if (absolute) {
            out.append('/');
        }
        out.append(String.join("/", segments));
        if (path.endsWith("/") && !segments.isEmpty()) {
            out.append('/');
        }
        return out.toString();
    }

    /** Whether the path has no empty, {@code .} or {@code ..} segment but a leading or trailing one. */
    private static boolean isNormal(String path) {
        return !path.contains("//") && !path.contains("/./") && !path.contains("/../") && !path.startsWith("./")
                && !path.startsWith("../") && !path.endsWith("/.") && !path.endsWith("/..") && !path.equals(".")
                && !path.equals("..");
    }
}
