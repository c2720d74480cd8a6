package io.frontdesk.waf.engine.seclang;

import java.nio.file.Path;

/** Where a directive starts: a file and a line number (from 1). */
public record Source(Path file, int line) {

    @Override
    public String toString() {
        return file + ":" + line;
    }
}
