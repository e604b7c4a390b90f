package io.promdeck.app.config;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Configuration files on this workstation. The version is the content's SHA-256; a write checks it under a lock on a
 * sibling lock file ({@code .NAME.promdeck-lock}, left in place), then replaces the file atomically (a reader — Prometheus reloading — sees the old file or the
 * new, never half of one), keeping its permissions.
 */
public final class FileConfigStore implements ConfigStore {

    @Override
    public SourceDocument read(ConfigSource source) throws IOException {
        Path path = path(source);
        String content = Files.readString(path, StandardCharsets.UTF_8);
        return new SourceDocument(source, content, SourceDocument.sha256(content));
    }

    @Override
    public SourceDocument write(SourceDocument read, String content) throws IOException, ConcurrentChange {
        Path path = path(read.source());
        Path lockFile = path.resolveSibling("." + path.getFileName() + ".promdeck-lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
            SourceDocument now = read(read.source());
            if (!now.version().equals(read.version())) {
                throw new ConcurrentChange(read, now);
            }
            Path temporary = path.resolveSibling("." + path.getFileName() + ".promdeck-new");
            Files.writeString(temporary, content, StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(temporary, Files.getPosixFilePermissions(path));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: the new file keeps the default access.
            }
            try {
                Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        // The lock file stays: deleting it would let two writers lock two different files of the same name.
        return new SourceDocument(read.source(), content, SourceDocument.sha256(content));
    }

    private static Path path(ConfigSource source) throws IOException {
        if (source instanceof ConfigSource.File file) {
            return file.path();
        }
        throw new IOException("not a file: " + source.describe());
    }
}
