package io.promdeck.app.config;

/** The source changed since it was read: someone else's change is shown to the operator, never overwritten. */
public final class ConcurrentChange extends Exception {

    private static final long serialVersionUID = 1L;
    private final transient SourceDocument read;
    private final transient SourceDocument current;

    public ConcurrentChange(SourceDocument read, SourceDocument current) {
        super(read.source().describe() + " changed since it was read (version " + abbreviate(read.version()) + ", now "
                + abbreviate(current.version()) + "): nothing was written. Read it again, look at the other change, and edit on top of it.");
        this.read = read;
        this.current = current;
    }

    private static String abbreviate(String version) {
        return version.length() > 12 ? version.substring(0, 12) : version;
    }

    public SourceDocument read() {
        return read;
    }

    /** The source as it is now, with the other change. */
    public SourceDocument current() {
        return current;
    }
}
