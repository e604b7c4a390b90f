import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/**
 * The baseline for the start-up and memory benchmarks: an empty JavaFX window, reporting like Promdeck's --smoke-test;
 * with {@code --stay} it stays open (memory benchmark).
 */
public final class BareWindow extends Application {

    @Override
    public void start(Stage stage) {
        stage.setScene(new Scene(new Label("bare"), 1280, 800));
        stage.setTitle("bare");
        stage.show();
        Platform.runLater(() -> {
            long millis = java.time.Duration.between(ProcessHandle.current().info().startInstant().orElse(java.time.Instant.now()),
                    java.time.Instant.now()).toMillis();
            System.out.println("bare: main window shown in " + millis + " ms");
            if (!getParameters().getRaw().contains("--stay")) {
                Platform.exit();
            }
        });
    }

    /** A separate main class, as a classpath launch requires. */
    public static final class Main {
        public static void main(String[] args) {
            Application.launch(BareWindow.class, args);
        }
    }
}
