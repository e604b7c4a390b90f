package io.promdeck.app.sandbox;

/** A local stack could not be started, stopped or read: the sentence says which process and why, with its log's last lines. */
public final class SandboxException extends Exception {

    private static final long serialVersionUID = 1L;

    public SandboxException(String message) {
        super(message);
    }

    public SandboxException(String message, Throwable cause) {
        super(message, cause);
    }
}
