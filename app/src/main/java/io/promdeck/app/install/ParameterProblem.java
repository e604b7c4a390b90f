package io.promdeck.app.install;

/** One parameter that cannot be used, with a sentence saying why. */
public record ParameterProblem(Parameter parameter, String message) {

    /** The parameter's key, as in a parameters file. */
    public String field() {
        return parameter.key();
    }

    @Override
    public String toString() {
        return parameter.key() + ": " + message;
    }
}
