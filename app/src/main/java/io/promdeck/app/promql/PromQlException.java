package io.promdeck.app.promql;

/** A PromQL expression that does not parse: the message says what, and where (1-based column in the expression). */
public final class PromQlException extends Exception {

    private static final long serialVersionUID = 1L;
    private final int position;

    public PromQlException(String message, int position) {
        super(message);
        this.position = position;
    }

    /** 0-based offset in the expression. */
    public int position() {
        return position;
    }

    /** "1:12: unexpected end of input" as promtool words it (line and column within the expression). */
    public String located(String expression) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < Math.min(position, expression.length()); i++) {
            if (expression.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return line + ":" + column + ": " + getMessage();
    }
}
