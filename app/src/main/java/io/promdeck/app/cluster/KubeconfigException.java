package io.promdeck.app.cluster;

import java.nio.file.Path;
import java.util.Optional;

/** A kubeconfig Promdeck cannot use, with the kind of problem, the file and (for YAML errors) the line. */
public final class KubeconfigException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What went wrong, so the UI can say what to do about it. */
    public enum Kind {
        NO_KUBECONFIG, UNREADABLE, YAML_ERROR, UNKNOWN_CONTEXT, UNSUPPORTED_AUTH, EXEC_PLUGIN_NOT_FOUND, EXEC_PLUGIN_FAILED, INCOMPLETE
    }

    private final Kind kind;
    private final transient Path file;
    private final int line;

    public KubeconfigException(Kind kind, String message, Path file, int line) {
        super(message);
        this.kind = kind;
        this.file = file;
        this.line = line;
    }

    public KubeconfigException(Kind kind, String message) {
        this(kind, message, null, 0);
    }

    public Kind kind() {
        return kind;
    }

    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** 1-based line of a YAML error, 0 when not known. */
    public int line() {
        return line;
    }
}
