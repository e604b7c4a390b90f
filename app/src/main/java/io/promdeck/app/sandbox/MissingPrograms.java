package io.promdeck.app.sandbox;

import java.util.List;
import java.util.stream.Collectors;

/** Programs a topology needs are not installed: one sentence naming each and the one command that installs them all. */
public final class MissingPrograms extends Exception {

    private static final long serialVersionUID = 1L;
    private final transient List<Program> programs;

    public MissingPrograms(List<Program> programs) {
        super(sentence(programs));
        this.programs = List.copyOf(programs);
    }

    public List<Program> programs() {
        return programs;
    }

    /** The command that installs every missing program on Debian or Ubuntu. */
    public String installCommand() {
        return installCommand(programs);
    }

    static String installCommand(List<Program> programs) {
        return "sudo apt-get install -y " + programs.stream().map(Program::debianPackage).collect(Collectors.joining(" "));
    }

    static String sentence(List<Program> programs) {
        if (programs.size() == 1) {
            return programs.get(0).missing();
        }
        return programs.stream().map(p -> p.title() + " (package " + p.debianPackage() + ")").collect(Collectors.joining(", "))
                + " are not installed: install them with '" + installCommand(programs) + "' (or put their programs on PATH).";
    }
}
