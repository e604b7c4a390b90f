package io.promdeck.ui.common;

import java.util.function.Consumer;
import javafx.beans.value.ObservableValue;

/**
 * Applies a value to a view now and on every change. Panels are built the first time they are shown, after their view
 * models may already hold data: a listener alone would leave such a panel empty until the next change.
 */
public final class Follow {

    private Follow() {
    }

    public static <T> void value(ObservableValue<T> value, Consumer<? super T> apply) {
        apply.accept(value.getValue());
        value.addListener((obs, old, now) -> apply.accept(now));
    }
}
