package io.promdeck.ui.shell;

import io.promdeck.app.audit.AuditLog;
import io.promdeck.app.cluster.KubeconfigResolver;
import io.promdeck.app.cluster.SettingsFolder;
import io.promdeck.app.config.ConfigService;
import io.promdeck.app.install.ToolChecks;
import io.promdeck.app.sandbox.LocalStacks;
import io.promdeck.app.sandbox.Sandbox;
import io.promdeck.app.session.SessionOpener;
import io.promdeck.app.session.StackSession;
import io.promdeck.ui.PromdeckApp;
import io.promdeck.ui.audit.AuditViewModel;
import io.promdeck.ui.common.Background;
import io.promdeck.ui.common.Tasks;
import io.promdeck.ui.common.UiSettings;
import io.promdeck.ui.common.UiThread;
import io.promdeck.ui.install.WizardModel;
import io.promdeck.ui.sandbox.LocalStackModel;
import io.promdeck.ui.session.AuditTrail;
import io.promdeck.ui.session.SessionModel;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The composition root of the console: wires the shared executor, the session model, every panel and the window,
 * from an environment that the application takes from the process and tests make up.
 */
public final class Console implements AutoCloseable {

    /**
     * Where the console reads its inputs: environment variables, home folder, settings folder, clock, and how it runs
     * local stacks (the product's outlive the console; the tests' die with the test JVM).
     */
    public record Environment(Map<String, String> variables, Path home, SettingsFolder settings, Clock clock, Sandbox.Options localStacks) {
        public static Environment ofProcess() {
            Path home = Path.of(System.getProperty("user.home"));
            return new Environment(System.getenv(), home,
                    SettingsFolder.forPlatform(System.getenv(), home, System.getProperty("os.name", "linux")), Clock.systemDefaultZone(),
                    Sandbox.Options.product());
        }
    }

    private final Background background = Background.create();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "promdeck-refresh-timer");
        t.setDaemon(true);
        return t;
    });
    private final UiSettings settings;
    private final SessionModel session;
    private final MainWindow window;
    private final WizardModel wizard;
    private final LocalStackModel localStack;
    private UiSettings.Values values;

    public Console(Environment environment) {
        // fabric8 must configure clients only from the kubeconfig Promdeck resolved, never from its own env lookups.
        System.setProperty("kubernetes.disable.autoConfig", "true");
        settings = new UiSettings(environment.settings());
        values = settings.load();
        long refreshMillis = values.refreshMillis();
        Tasks tasks = new Tasks(background.executor(), UiThread.fx());
        SessionOpener opener = new SessionOpener(environment.settings(), environment.home(), background.executor(), timer,
                environment.clock(), () -> refreshMillis);
        session = new SessionModel(tasks, opener, new KubeconfigResolver(environment.variables(), environment.home()), environment.clock());
        // Every action on a stack goes to the audit log in the settings folder (created owner-only on first use).
        AuditLog auditLog = new AuditLog(environment.settings().path().resolve(AuditLog.FILE));
        session.audit(new AuditTrail(auditLog, tasks, environment.clock(), () -> session.sessionProperty().get()));
        Function<StackSession, Optional<ConfigService>> configServices = s -> ConfigService.forSession(s,
                ToolChecks.find(environment.variables(), Optional.empty(), Optional.empty()), background.executor(), auditLog, AuditTrail.whoOf(s),
                environment.clock());
        wizard = new WizardModel(tasks, environment.clock(), environment.variables());
        wizard.audit(session.audit());
        localStack = new LocalStackModel(tasks, session, LocalStacks.forUser(environment.variables(), environment.home()),
                environment.localStacks().withEnvironment(environment.variables()), environment.clock());
        window = new MainWindow(session, environment.clock(), values.dark(), wizard, localStack, configServices,
                new AuditViewModel(Optional.of(auditLog), tasks));
        session.sessionProperty().addListener((obs, old, now) -> {
            if (now != null && now.connection().isPresent()) {
                values = values.withContext(now.connection().get().context().name(),
                        now.discovered().map(d -> d.namespace()).orElse(now.connection().get().context().namespace()));
            }
        });
        if (values.lastContext() != null) {
            window.preferContext(values.lastContext(), values.lastNamespace());
        }
        session.loadKubeconfig();
        localStack.look();
    }

    /** Shows the console in {@code stage}, with the remembered geometry and theme. */
    public Scene show(Stage stage) {
        Scene scene = new Scene(window.root(), values.width(), values.height());
        scene.getStylesheets().add(PromdeckApp.class.getResource("promdeck.css").toExternalForm());
        window.installShortcuts(scene);
        window.applyTheme(values.dark());
        stage.setTitle(PromdeckApp.TITLE);
        // The window manager's icons are decoded off the FX thread and set when ready: not needed for the first frame.
        session.tasks().run(Console::icons).onSuccess(stage.getIcons()::setAll).start();
        stage.setScene(scene);
        if (!Double.isNaN(values.x())) {
            stage.setX(values.x());
            stage.setY(values.y());
        }
        stage.setOnHiding(e -> values = values.withWindow(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight())
                .withDark(window.dark()));
        stage.show();
        return scene;
    }

    private static java.util.List<javafx.scene.image.Image> icons() throws java.io.IOException {
        java.util.List<javafx.scene.image.Image> icons = new java.util.ArrayList<>();
        for (int size : new int[] {16, 24, 32, 48, 64, 128, 256}) {
            try (var icon = PromdeckApp.class.getResourceAsStream("icons/promdeck-" + size + ".png")) {
                if (icon != null) {
                    icons.add(new javafx.scene.image.Image(icon));
                }
            }
        }
        return icons;
    }

    public SessionModel session() {
        return session;
    }

    public WizardModel wizard() {
        return wizard;
    }

    public MainWindow window() {
        return window;
    }

    public LocalStackModel localStack() {
        return localStack;
    }

    /** Closes the session, stops background work and saves the settings. */
    @Override
    public void close() {
        session.disconnect();
        wizard.close();
        localStack.close();
        settings.save(values);
        timer.shutdownNow();
        background.shutdown();
    }
}
