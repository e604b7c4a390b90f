package io.promdeck.ui.common;

import java.util.concurrent.Executor;
import javafx.application.Platform;

/**
 * Where results land: the FX Application Thread in the application, the calling thread in view-model tests (so they
 * run without the toolkit).
 */
@FunctionalInterface
public interface UiThread extends Executor {

    static UiThread fx() {
        return runnable -> {
            if (Platform.isFxApplicationThread()) {
                runnable.run();
            } else {
                Platform.runLater(runnable);
            }
        };
    }

    static UiThread direct() {
        return Runnable::run;
    }
}
