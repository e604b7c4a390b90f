package io.promdeck.app.install;

/** One parameter that cannot be used, named as in {@link StackParameters}, with a sentence saying why. */
public record ParameterProblem(String field, String message) {

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
