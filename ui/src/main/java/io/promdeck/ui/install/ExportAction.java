package io.promdeck.ui.install;

import io.promdeck.app.install.Exporter;
import io.promdeck.app.install.RenderedStack;
import io.promdeck.ui.common.DialogService;
import io.promdeck.ui.common.Tasks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Review's Export: writes the rendered stack to a folder on the shared executor and says what it wrote. */
final class ExportAction {

    private ExportAction() {
    }

    static void run(Tasks tasks, RenderedStack stack, String folder, boolean includeSecrets, Consumer<String> result) {
        if (folder.isEmpty()) {
            result.accept("Choose a folder first.");
            return;
        }
        Path target = Path.of(folder);
        result.accept("Writing…");
        tasks.run(() -> {
            if (Files.exists(target) && !Files.isDirectory(target)) {
                throw new IllegalArgumentException(target + " is a file, not a folder");
            }
            return Exporter.export(stack, target, includeSecrets);
        }).onSuccess(files -> result.accept(Exporter.sentence(files.size(), target, includeSecrets)))
                .onError(error -> result.accept("Export failed: " + DialogService.sentence(error)))
                .start();
    }
}
