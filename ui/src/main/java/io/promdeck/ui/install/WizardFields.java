package io.promdeck.ui.install;

import io.promdeck.app.install.Backend;
import io.promdeck.app.install.Parameter;
import io.promdeck.app.install.ParameterForm;
import io.promdeck.app.install.StackParameters;
import io.promdeck.app.install.StackSecrets;
import java.util.EnumMap;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableMap;

/**
 * Every {@link Parameter} of the wizard as a property the step views bind to: text for text, numbers, lists and
 * secrets, a boolean for switches, the backend as a choice. Each change is checked by the same {@link ParameterForm}
 * the headless install uses; problems are kept per parameter. No cluster access, no toolkit needed.
 */
public final class WizardFields {

    private final Map<Parameter, StringProperty> text = new EnumMap<>(Parameter.class);
    private final Map<Parameter, BooleanProperty> switches = new EnumMap<>(Parameter.class);
    private final ObjectProperty<Backend> backend = new SimpleObjectProperty<>(Backend.THANOS_BUNDLED_S3);
    private final ObservableMap<Parameter, String> problems = FXCollections.observableMap(new EnumMap<>(Parameter.class));
    private StackParameters base;
    private boolean loading;

    public WizardFields(StackParameters base) {
        this.base = base;
        for (Parameter p : Parameter.values()) {
            if (p.kind() == Parameter.Kind.SWITCH) {
                BooleanProperty property = new SimpleBooleanProperty();
                property.addListener((obs, old, now) -> check());
                switches.put(p, property);
            } else if (p.kind() != Parameter.Kind.CHOICE) {
                StringProperty property = new SimpleStringProperty("");
                property.addListener((obs, old, now) -> check());
                text.put(p, property);
            }
        }
        backend.addListener((obs, old, now) -> check());
        load(base, new StackSecrets("", "", "", "", ""));
    }

    /** Shows {@code p} and the typed secrets (an upgrade starts from the installed values). */
    public void load(StackParameters p, StackSecrets secrets) {
        base = p;
        ParameterForm form = ParameterForm.of(p, secrets);
        loading = true;
        try {
            text.forEach((parameter, property) -> property.set(form.get(parameter)));
            switches.forEach((parameter, property) -> property.set(form.on(parameter)));
            backend.set(p.backend());
        } finally {
            loading = false;
        }
        check();
    }

    public StringProperty text(Parameter p) {
        StringProperty property = text.get(p);
        if (property == null) {
            throw new IllegalArgumentException(p + " is a " + p.kind() + ", not text");
        }
        return property;
    }

    public BooleanProperty flag(Parameter p) {
        BooleanProperty property = switches.get(p);
        if (property == null) {
            throw new IllegalArgumentException(p + " is a " + p.kind() + ", not a switch");
        }
        return property;
    }

    public ObjectProperty<Backend> backend() {
        return backend;
    }

    private ParameterForm form() {
        ParameterForm form = ParameterForm.of(base, new StackSecrets("", "", "", "", ""));
        text.forEach((parameter, property) -> form.set(parameter, property.get()));
        switches.forEach((parameter, property) -> form.set(parameter, property.get()));
        form.set(Parameter.BACKEND, backend.get() == null ? "" : backend.get().name());
        return form;
    }

    /** The parameters as typed, over the defaults or the installed ones. */
    public StackParameters parameters() {
        return form().parameters();
    }

    public StackSecrets typedSecrets() {
        return form().typedSecrets();
    }

    private void check() {
        if (loading) {
            return;
        }
        Map<Parameter, String> found = form().problems();
        problems.keySet().retainAll(found.keySet());
        problems.putAll(found);
    }

    public ObservableMap<Parameter, String> problems() {
        return problems;
    }

    /** The problem of one parameter, or "" (bound under its field). */
    public StringBinding problemOf(Parameter p) {
        return Bindings.createStringBinding(() -> problems.getOrDefault(p, ""), problems);
    }

    /** True when no parameter of {@code section} has a problem. */
    public BooleanBinding valid(Parameter.Section section) {
        return Bindings.createBooleanBinding(() -> problems.keySet().stream().noneMatch(p -> p.section() == section), problems);
    }

    public long problemCount(Parameter.Section section) {
        return problems.keySet().stream().filter(p -> p.section() == section).count();
    }
}
