package io.promdeck.app.config;

/**
 * One thing wrong with an edited configuration.
 *
 * @param severity ERROR: the component would refuse it (nothing is written); HA: it would break high availability (written
 *                 only with the operator's explicit override); WARNING: worth a look, not blocking
 * @param line     1-based line in the edited text; 0 when it is about the whole file
 * @param check    which check found it ("YAML", "structure", "PromQL", "HA", "promtool check rules", …)
 */
public record ConfigProblem(Severity severity, int line, String message, String check) {

    public enum Severity {
        ERROR, HA, WARNING
    }

    public String located() {
        return (line > 0 ? "line " + line + ": " : "") + message;
    }
}
