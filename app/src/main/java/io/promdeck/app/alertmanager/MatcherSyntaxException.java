package io.promdeck.app.alertmanager;

/** A matcher the user typed that Alertmanager would refuse; {@link #position()} is the 0-based offset in the input. */
public final class MatcherSyntaxException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final int position;
    private final String reason;

    public MatcherSyntaxException(int position, String reason) {
        super("at position " + (position + 1) + ": " + reason);
        this.position = position;
        this.reason = reason;
    }

    /** 0-based offset of the offending character in the text given to the parser. */
    public int position() {
        return position;
    }

    /** The message without the position. */
    public String reason() {
        return reason;
    }

    MatcherSyntaxException shift(int offset) {
        return new MatcherSyntaxException(position + offset, reason);
    }
}
