package io.frontdesk.support;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import io.frontdesk.config.InvalidConfigurationException;

/** Where a log's lines go: standard output, or a file that is appended to (created with its directories). */
public record LogFile(OutputStream out, String name) {

    public static final String STDOUT = "stdout";

    /**
     * Opens {@code path}, or standard output for {@value #STDOUT}; one that cannot be opened stops
     * start-up naming {@code key}.
     */
    public static LogFile open(String path, String key) {
        if (path.equals(STDOUT)) {
            return new LogFile(new FileOutputStream(FileDescriptor.out), STDOUT);
        }
        try {
            Path file = Path.of(path).toAbsolutePath();
            Files.createDirectories(file.getParent());
            return new LogFile(Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND),
                    file.toString());
        } catch (IOException e) {
            throw new InvalidConfigurationException(key, "cannot open " + path + " (" + e.getMessage() + ")");
        }
    }
}
