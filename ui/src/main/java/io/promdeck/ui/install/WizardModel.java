package io.promdeck.ui.install;

import io.promdeck.app.cluster.ClusterConnection;
import io.promdeck.app.cluster.ConnectionCheck;
import io.promdeck.app.cluster.KubeContext;
import io.promdeck.app.cluster.Kubeconfig;
import io.promdeck.app.install.Backend;
import io.promdeck.app.alertmanager.SyntheticAlert;
import io.promdeck.app.install.CheckResult;
import io.promdeck.app.install.HaInvariants;
import io.promdeck.app.install.InstallTarget;
import io.promdeck.app.install.Installation;
import io.promdeck.app.install.ParameterCheck;
import io.promdeck.app.install.ParameterProblem;
import io.promdeck.app.install.Plan;
import io.promdeck.app.install.PlanItem;
import io.promdeck.app.install.RenderedStack;
import io.promdeck.app.install.RolloutProgress;
import io.promdeck.app.install.StackParameters;
import io.promdeck.app.install.StackRenderer;
import io.promdeck.app.install.StackSecrets;
import io.promdeck.app.install.StorageClassInfo;
import io.promdeck.app.install.ToolChecks;
import io.promdeck.ui.common.DialogService;
import io.promdeck.ui.common.Tasks;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;

/**
 * The install wizard's state, step by step, as properties the view binds to. Every field is checked as it changes
 * ({@link ParameterCheck} for parameters, plus the secret fields here) and its message kept under the field's name;
 * a step is valid when none of its fields has one. Talking to the cluster (access check, StorageClasses, review,
 * install, connection test, test alert) runs on the shared executor; results come back on the UI thread.
 *
 * <p>The wizard opens its own connection for the chosen context, so installing into one cluster never disturbs the
 * session shown in the panels. Values stay when going back; nothing is written before Install.
 */
public final class WizardModel implements AutoCloseable {

    /** The wizard's steps, in order. */
    public enum Step {
        TARGET("Target"), STORAGE("Storage"), ALERTING("Alerting"), IMAGES("Images"), REVIEW("Review"), INSTALL("Install"), DONE("Done");

        private final String title;

        Step(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    /** Which parameter fields each editable step owns (a step is valid when none of them has a problem). */
    static final Map<Step, List<String>> FIELDS = Map.of(
            Step.TARGET, List.of("target", "namespace", "instance", "cluster", "storageClass"),
            Step.STORAGE, List.of("backend", "prometheusRetention", "prometheusVolume", "alertmanagerVolume", "objectStoreVolume",
                    "thanosStoreVolume", "thanosCompactorVolume", "influxdbVolume", "bucket", "s3Endpoint", "s3Region", "s3AccessKey",
                    "s3SecretKey"),
            Step.ALERTING, List.of("webhookUrl", "dingtalkRobotUrl", "wechatRobotUrl", "wechatImage"),
            Step.IMAGES, List.of("registryMirror", "imagePullSecrets"));

    /** Text fields bound one to one to a {@link StackParameters} component of the same name. */
    static final List<String> TEXT_PARAMETERS = List.of("namespace", "instance", "cluster", "storageClass", "prometheusRetention",
            "prometheusVolume", "alertmanagerVolume", "objectStoreVolume", "thanosStoreVolume", "thanosCompactorVolume", "influxdbVolume",
            "bucket", "s3Endpoint", "s3Region", "webhookUrl", "wechatImage", "registryMirror");

    /** How long the Install step follows the rollout before saying what is still missing. */
    static final Duration ROLLOUT_TIMEOUT = Duration.ofMinutes(15);

    private final Tasks tasks;
    private final Clock clock;
    private final Map<String, String> environment;
    private final Map<String, StringProperty> text = new LinkedHashMap<>();
    private final ObjectProperty<Backend> backend = new SimpleObjectProperty<>(Backend.THANOS_BUNDLED_S3);
    private final BooleanProperty s3Insecure = new SimpleBooleanProperty();
    private final BooleanProperty dingtalk = new SimpleBooleanProperty();
    private final BooleanProperty wechat = new SimpleBooleanProperty();
    private final StringProperty imagePullSecrets = new SimpleStringProperty("");
    private final StringProperty s3AccessKey = new SimpleStringProperty("");
    private final StringProperty s3SecretKey = new SimpleStringProperty("");
    private final StringProperty dingtalkRobotUrl = new SimpleStringProperty("");
    private final StringProperty wechatRobotUrl = new SimpleStringProperty("");
    private final ObservableMap<String, String> problems = FXCollections.observableHashMap();
    private final ObjectProperty<Step> step = new SimpleObjectProperty<>(Step.TARGET);
    private final BooleanProperty busy = new SimpleBooleanProperty();

    // Target
    private final ObjectProperty<KubeContext> context = new SimpleObjectProperty<>();
    private final ObservableList<StorageClassInfo> storageClasses = FXCollections.observableArrayList();
    private final ObservableList<String> namespaces = FXCollections.observableArrayList();
    private final ObjectProperty<InstallTarget.Inspection> inspection = new SimpleObjectProperty<>();
    private final StringProperty targetStatus = new SimpleStringProperty("Choose a context.");
    private StackParameters base = StackParameters.defaults("monitoring");
    private ClusterConnection connection;
    private InstallTarget target;
    private io.promdeck.ui.session.AuditTrail audit = io.promdeck.ui.session.AuditTrail.none();
    private long targetGeneration;

    // Storage
    private final StringProperty s3TestResult = new SimpleStringProperty("");
    private final BooleanProperty s3TestOk = new SimpleBooleanProperty();
    private final AtomicBoolean s3TestCancel = new AtomicBoolean();

    // Images
    private final ObservableList<String> images = FXCollections.observableArrayList();

    // Review
    private final ObservableList<CheckResult> checks = FXCollections.observableArrayList();
    private final ObservableList<PlanItem> plan = FXCollections.observableArrayList();
    private final StringProperty planSummary = new SimpleStringProperty("");
    private final ObjectProperty<RenderedStack> rendered = new SimpleObjectProperty<>();
    private final StringProperty reviewError = new SimpleStringProperty("");

    // Install
    private final ObservableList<RolloutProgress.Workload> workloads = FXCollections.observableArrayList();
    private final ObservableList<String> installLog = FXCollections.observableArrayList();
    private final ObservableList<String> rolloutProblems = FXCollections.observableArrayList();
    private final ObservableList<String> events = FXCollections.observableArrayList();
    private final ObjectProperty<Installation.Ending> ending = new SimpleObjectProperty<>();
    private final AtomicBoolean installCancel = new AtomicBoolean();

    // Done
    private final StringProperty testAlertResult = new SimpleStringProperty("");
    private final BooleanProperty testAlertOk = new SimpleBooleanProperty();

    public WizardModel(Tasks tasks, Clock clock, Map<String, String> environment) {
        this.tasks = tasks;
        this.clock = clock;
        this.environment = Map.copyOf(environment);
        for (String name : TEXT_PARAMETERS) {
            text.put(name, new SimpleStringProperty(""));
        }
        load(base, new StackSecrets("", "", "", "", ""));
        List<ObservableValue<?>> inputs = new ArrayList<>(text.values());
        inputs.addAll(List.of(backend, s3Insecure, dingtalk, wechat, imagePullSecrets, s3AccessKey, s3SecretKey, dingtalkRobotUrl,
                wechatRobotUrl, inspection, context, targetStatus));
        inputs.forEach(input -> input.addListener((obs, old, now) -> check()));
        check();
        text.get("registryMirror").addListener((obs, old, now) -> {
            if (step.get() == Step.IMAGES) {
                refreshImages();
            }
        });
    }

    // ---- fields ----

    public StringProperty field(String name) {
        StringProperty property = text.get(name);
        if (property == null) {
            throw new IllegalArgumentException("no text field " + name);
        }
        return property;
    }

    private void load(StackParameters p, StackSecrets secrets) {
        for (String name : TEXT_PARAMETERS) {
            text.get(name).set(value(p, name));
        }
        backend.set(p.backend());
        s3Insecure.set(p.s3Insecure());
        dingtalk.set(p.dingtalk());
        wechat.set(p.wechat());
        imagePullSecrets.set(String.join(", ", p.imagePullSecrets()));
        if (p.backend() == Backend.THANOS_EXISTING_S3) {
            s3AccessKey.set(secrets.s3AccessKey());
            s3SecretKey.set(secrets.s3SecretKey());
        }
        dingtalkRobotUrl.set(secrets.dingtalkRobotUrl());
        wechatRobotUrl.set(secrets.wechatRobotUrl());
    }

    private static String value(StackParameters p, String name) {
        try {
            Object value = StackParameters.class.getMethod(name).invoke(p);
            return value == null ? "" : value.toString();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The parameters as typed, over the defaults (or the installed ones, for an upgrade). */
    public StackParameters parameters() {
        Map<String, Object> changes = new LinkedHashMap<>();
        text.forEach((name, property) -> changes.put(name, property.get() == null ? "" : property.get().strip()));
        changes.put("backend", backend.get());
        changes.put("s3Insecure", s3Insecure.get());
        changes.put("dingtalk", dingtalk.get());
        changes.put("wechat", wechat.get());
        changes.put("imagePullSecrets", Arrays.stream(imagePullSecrets.get().split("[,\\s]+")).filter(s -> !s.isBlank()).toList());
        return base.with(changes);
    }

    /** What the operator typed into secret fields; generated values are added at review time. */
    StackSecrets typedSecrets() {
        boolean existing = backend.get() == Backend.THANOS_EXISTING_S3;
        return new StackSecrets(existing ? s3AccessKey.get().strip() : "", existing ? s3SecretKey.get().strip() : "", "",
                dingtalk.get() ? dingtalkRobotUrl.get().strip() : "", wechat.get() ? wechatRobotUrl.get().strip() : "");
    }

    private void check() {
        Map<String, String> found = new LinkedHashMap<>();
        StackParameters p;
        try {
            p = parameters();
            for (ParameterProblem problem : ParameterCheck.problems(p)) {
                found.putIfAbsent(problem.field(), problem.message());
            }
        } catch (IllegalArgumentException e) {
            found.put("target", DialogService.sentence(e));
            p = null;
        }
        if (backend.get() == Backend.THANOS_EXISTING_S3) {
            if (s3AccessKey.get().isBlank()) {
                found.put("s3AccessKey", "the access key the Thanos components use");
            }
            if (s3SecretKey.get().isBlank()) {
                found.put("s3SecretKey", "the secret key that goes with the access key");
            }
        } else {
            found.remove("s3Endpoint");
        }
        robotUrl(found, dingtalk.get(), "dingtalkRobotUrl", dingtalkRobotUrl.get(), "the DingTalk robot's webhook URL, e.g. https://oapi.dingtalk.com/robot/send?access_token=…");
        robotUrl(found, wechat.get(), "wechatRobotUrl", wechatRobotUrl.get(), "the WeChat Work robot's webhook URL, e.g. https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…");
        String targetProblem = targetProblem(p);
        if (targetProblem != null) {
            found.putIfAbsent("target", targetProblem);
        }
        // Fields of a backend that is not chosen are not shown, so their values cannot block the step.
        if (backend.get() == Backend.INFLUXDB) {
            List.of("objectStoreVolume", "thanosStoreVolume", "thanosCompactorVolume", "bucket").forEach(found::remove);
        } else {
            found.remove("influxdbVolume");
        }
        problems.keySet().retainAll(found.keySet());
        problems.putAll(found);
    }

    private static void robotUrl(Map<String, String> found, boolean enabled, String field, String value, String hint) {
        if (!enabled) {
            return;
        }
        if (!httpUrl(value.strip())) {
            found.put(field, value.isBlank() ? "needed: " + hint : "'" + value.strip() + "' is not an http:// or https:// URL");
        }
    }

    private static boolean httpUrl(String value) {
        try {
            java.net.URI uri = new java.net.URI(value);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private String targetProblem(StackParameters p) {
        if (context.get() == null) {
            return "Choose the kubeconfig context to install into.";
        }
        InstallTarget.Inspection seen = inspection.get();
        if (seen == null || p == null || !seen.namespace().equals(p.namespace())) {
            return targetStatus.get().isEmpty() ? "Checking access…" : targetStatus.get();
        }
        if (!seen.canInstall()) {
            return "You cannot install into " + seen.namespace() + " with this context: missing " + seen.missing() + ".";
        }
        return null;
    }

    /** The problem of one field, or "" (bind it under the field). */
    public javafx.beans.binding.StringBinding problemOf(String field) {
        return Bindings.createStringBinding(() -> problems.getOrDefault(field, ""), problems);
    }

    public ObservableMap<String, String> problems() {
        return problems;
    }

    /** True when no field of {@code s} has a problem (Review, Install and Done have their own rules). */
    public BooleanBinding validProperty(Step s) {
        List<String> fields = FIELDS.getOrDefault(s, List.of());
        return Bindings.createBooleanBinding(() -> fields.stream().noneMatch(problems::containsKey), problems);
    }

    // ---- navigation ----

    public ReadOnlyObjectProperty<Step> stepProperty() {
        return step;
    }

    /** Next is possible when the step is valid and nothing is running. */
    public BooleanBinding canGoNext() {
        return Bindings.createBooleanBinding(() -> {
            Step s = step.get();
            if (busy.get()) {
                return false;
            }
            return switch (s) {
                case TARGET, STORAGE, ALERTING, IMAGES -> FIELDS.get(s).stream().noneMatch(problems::containsKey);
                case REVIEW -> rendered.get() != null && reviewError.get().isEmpty() && checks.stream().noneMatch(CheckResult::failed);
                case INSTALL -> ending.get() == Installation.Ending.READY;
                case DONE -> false;
            };
        }, step, busy, problems, rendered, reviewError, checks, ending);
    }

    public BooleanBinding canGoBack() {
        return Bindings.createBooleanBinding(() -> !busy.get() && step.get() != Step.TARGET && step.get() != Step.DONE, step, busy);
    }

    public void next() {
        if (!canGoNext().get()) {
            return;
        }
        Step following = Step.values()[step.get().ordinal() + 1];
        step.set(following);
        switch (following) {
            case IMAGES -> refreshImages();
            case REVIEW -> review();
            case INSTALL -> install();
            default -> { }
        }
    }

    public void back() {
        if (canGoBack().get()) {
            step.set(Step.values()[step.get().ordinal() - 1]);
        }
    }

    /** The image list with the mirror as typed (rendered off the UI thread; kept as it was while the mirror is invalid). */
    private void refreshImages() {
        if (problems.containsKey("registryMirror") || problems.containsKey("target")) {
            return;
        }
        StackParameters p = parameters();
        tasks.run(() -> StackRenderer.render(p, secretsForPreview()).images()).onSuccess(images::setAll).onError(e -> { }).start();
    }

    private static StackSecrets secretsForPreview() {
        return new StackSecrets("", "", "", "", "");
    }

    // ---- target ----

    /** Opens the wizard's own connection for {@code chosen} and reads what the Target step lists. */
    public void chooseContext(Kubeconfig kubeconfig, KubeContext chosen) {
        long mine = ++targetGeneration;
        ClusterConnection old = connection;
        connection = null;
        target = null;
        context.set(chosen);
        inspection.set(null);
        storageClasses.clear();
        namespaces.clear();
        if (chosen == null) {
            targetStatus.set("Choose a context.");
            closeQuietly(old);
            return;
        }
        if (chosen.namespace() != null && !chosen.namespace().isBlank() && !"default".equals(chosen.namespace())
                && base.namespace().equals(text.get("namespace").get())) {
            text.get("namespace").set(chosen.namespace());
        }
        targetStatus.set("Connecting to " + chosen.server() + "…");
        tasks.run(() -> {
            closeQuietly(old);
            ClusterConnection opened = new ClusterConnection(kubeconfig.login(chosen.name()));
            ConnectionCheck check = opened.check();
            if (check instanceof ConnectionCheck.Failed failed) {
                opened.close();
                throw new IllegalStateException(failed.problem().message());
            }
            InstallTarget t = InstallTarget.of(opened, tasks.executor());
            List<StorageClassInfo> classes;
            try {
                classes = t.storageClasses();
            } catch (RuntimeException e) {
                classes = List.of();
            }
            return new Object[] {opened, t, classes, t.namespaces()};
        }).onSuccess(result -> {
            ClusterConnection opened = (ClusterConnection) result[0];
            if (mine != targetGeneration) {
                tasks.executor().execute(opened::close);
                return;
            }
            connection = opened;
            target = (InstallTarget) result[1];
            @SuppressWarnings("unchecked")
            List<StorageClassInfo> classes = (List<StorageClassInfo>) result[2];
            @SuppressWarnings("unchecked")
            List<String> names = (List<String>) result[3];
            storageClasses.setAll(classes);
            namespaces.setAll(names);
            inspectNamespace();
        }).onError(error -> {
            if (mine == targetGeneration) {
                targetStatus.set("Cannot use " + chosen.name() + ": " + DialogService.sentence(error));
            }
        }).start();
    }

    /** Runs the RBAC preflight and looks for an existing install in the namespace typed (when it is a valid name). */
    public void inspectNamespace() {
        String namespace = String.valueOf(text.get("namespace").get()).strip();
        if (target == null || problems.containsKey("namespace")) {
            return;
        }
        long mine = ++targetGeneration;
        InstallTarget t = target;
        inspection.set(null);
        targetStatus.set("Checking what you may do in " + namespace + "…");
        tasks.run(() -> {
            InstallTarget.Inspection found = t.inspect(namespace);
            StackSecrets installed = found.existing().isPresent() ? t.state().generatedSecrets(namespace) : null;
            return new Object[] {found, installed};
        }).onSuccess(result -> {
            if (mine != targetGeneration) {
                return;
            }
            InstallTarget.Inspection found = (InstallTarget.Inspection) result[0];
            if (found.existing().isPresent()) {
                base = found.existing().get();
                load(base, (StackSecrets) result[1]);
                targetStatus.set("Upgrade: instance '" + base.instance() + "' is installed in " + namespace
                        + ". The values below are the installed ones; the review shows only what changes.");
            } else {
                targetStatus.set((found.exists() ? "Namespace " + namespace + " exists and has no Promdeck stack"
                        : "Namespace " + namespace + " will be created") + (found.canInstall() ? "; you may install there." : "."));
            }
            inspection.set(found);
        }).onError(error -> {
            if (mine == targetGeneration) {
                targetStatus.set("Cannot check access to " + namespace + ": " + DialogService.sentence(error));
            }
        }).start();
    }

    public boolean upgrade() {
        return inspection.get() != null && inspection.get().existing().isPresent();
    }

    // ---- storage ----

    /** Runs the in-cluster connection test of the existing S3 endpoint. */
    public void testS3() {
        if (target == null || busy.get()) {
            return;
        }
        StackParameters p;
        try {
            p = parameters();
        } catch (IllegalArgumentException e) {
            s3TestResult.set(DialogService.sentence(e));
            return;
        }
        for (String field : List.of("s3Endpoint", "bucket", "s3AccessKey", "s3SecretKey", "namespace")) {
            if (problems.containsKey(field)) {
                s3TestOk.set(false);
                s3TestResult.set("Fill in the endpoint, bucket and keys first.");
                return;
            }
        }
        StackSecrets secrets = typedSecrets();
        InstallTarget t = target;
        s3TestCancel.set(false);
        busy.set(true);
        s3TestOk.set(false);
        s3TestResult.set("Starting the test Job…");
        tasks.run(() -> t.s3Test().run(p, secrets, Duration.ofSeconds(90), s3TestCancel::get,
                line -> tasks.ui().execute(() -> s3TestResult.set(line))))
                .onSuccess(outcome -> {
                    s3TestOk.set(outcome.reachable());
                    s3TestResult.set(outcome.sentence());
                })
                .onError(error -> s3TestResult.set("The test could not run: " + DialogService.sentence(error)))
                .andFinally(() -> busy.set(false))
                .start();
    }

    public void cancelS3Test() {
        s3TestCancel.set(true);
    }

    // ---- review ----

    private void review() {
        InstallTarget t = target;
        StackParameters p = parameters();
        StackSecrets typed = typedSecrets();
        busy.set(true);
        rendered.set(null);
        checks.clear();
        plan.clear();
        reviewError.set("");
        planSummary.set("Rendering, validating and comparing with the cluster…");
        tasks.run(() -> {
            // Generated values (bundled S3 keys, Grafana's password) are created once and kept from the cluster on upgrade;
            // typed ones (an existing endpoint's keys, robot URLs) always win.
            StackSecrets secrets = t.state().secretsFor(p.namespace(), StackSecrets.generate(new SecureRandom())
                    .withRobots(typed.dingtalkRobotUrl(), typed.wechatRobotUrl()));
            if (p.backend() == Backend.THANOS_EXISTING_S3) {
                secrets = secrets.withS3Keys(typed.s3AccessKey(), typed.s3SecretKey());
            }
            RenderedStack stack = StackRenderer.render(p, secrets);
            List<CheckResult> results = new ArrayList<>(HaInvariants.check(stack));
            results.addAll(ToolChecks.find(environment, Optional.empty(), Optional.empty()).check(stack));
            Plan computed = t.planner().plan(stack);
            return new Object[] {stack, results, computed};
        }).onSuccess(result -> {
            RenderedStack stack = (RenderedStack) result[0];
            @SuppressWarnings("unchecked")
            List<CheckResult> results = (List<CheckResult>) result[1];
            Plan computed = (Plan) result[2];
            checks.setAll(results);
            plan.setAll(computed.items());
            planSummary.set(computed.empty() ? "Nothing to change: the cluster already runs these parameters." : "Plan: " + computed.summary());
            rendered.set(stack);
        }).onError(error -> {
            reviewError.set("The review could not be prepared: " + DialogService.sentence(error));
            planSummary.set("");
        }).andFinally(() -> busy.set(false)).start();
    }

    /** Items the review lists: changes first; unchanged ones only on request. */
    public List<PlanItem> changes() {
        return plan.stream().filter(i -> i.action() != PlanItem.Action.UNCHANGED).toList();
    }

    // ---- install ----

    /** Where installs, upgrades and uninstalls are recorded. */
    public void audit(io.promdeck.ui.session.AuditTrail trail) {
        this.audit = trail;
    }

    public io.promdeck.ui.session.AuditTrail audit() {
        return audit;
    }

    /** Who acted and where, for the audit log: the kubeconfig user and "context / namespace" of the wizard's target. */
    String[] auditWhoWhere() {
        KubeContext c = contextProperty().get();
        String who = c != null && c.user() != null && !c.user().isBlank() ? c.user() : System.getProperty("user.name", "unknown");
        return new String[] {who, (c == null ? "" : c.name()) + " / " + parameters().namespace()};
    }

    private void install() {
        RenderedStack stack = rendered.get();
        InstallTarget t = target;
        String action = upgrade() ? "stack.upgrade" : "stack.install";
        String[] whoWhere = auditWhoWhere();
        installCancel.set(false);
        busy.set(true);
        ending.set(null);
        workloads.clear();
        installLog.clear();
        rolloutProblems.clear();
        events.clear();
        tasks.run(() -> t.installation(clock).run(stack, ROLLOUT_TIMEOUT, installCancel::get, new Installation.Listener() {
            @Override
            public void step(String line) {
                tasks.ui().execute(() -> installLog.add(line));
            }

            @Override
            public void progress(RolloutProgress progress) {
                tasks.ui().execute(() -> showProgress(progress));
            }
        })).onSuccess(result -> {
            ending.set(result.ending());
            java.util.Map<String, String> details = new java.util.LinkedHashMap<>();
            details.put("plan", result.plan().summary());
            details.put("applied", String.join(", ", result.applied().applied()));
            if (!result.applied().failures().isEmpty()) {
                details.put("refused", result.applied().failures().toString());
            }
            audit.record(whoWhere[0], whoWhere[1], action, stack.parameters().namespace() + "/" + stack.parameters().instance(),
                    result.ending().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '), details);
            if (!result.rollout().workloads().isEmpty()) {
                showProgress(result.rollout());
            }
            for (var failure : result.applied().failures()) {
                rolloutProblems.add("Refused: " + failure);
            }
        }).onError(error -> {
            installLog.add("The install stopped: " + DialogService.sentence(error));
            ending.set(Installation.Ending.FAILED_TO_APPLY);
            audit.record(whoWhere[0], whoWhere[1], action, stack.parameters().namespace() + "/" + stack.parameters().instance(),
                    "stopped: " + DialogService.sentence(error), java.util.Map.of());
        }).andFinally(() -> busy.set(false)).start();
    }

    private void showProgress(RolloutProgress progress) {
        workloads.setAll(progress.workloads());
        rolloutProblems.setAll(progress.problems());
        events.setAll(progress.events().stream().map(e -> (e.type() == null ? "" : e.type() + " ") + e.objectKind() + "/" + e.objectName()
                + " " + e.reason() + ": " + e.message()).toList());
    }

    /** Stops applying (between objects) or following the rollout; running the install again resumes. */
    public void cancelInstall() {
        installCancel.set(true);
    }

    /** From Done: back to the Target step, looking at the namespace again (an upgrade from now on). */
    public void restart() {
        if (busy.get()) {
            return;
        }
        ending.set(null);
        testAlertResult.set("");
        step.set(Step.TARGET);
        inspectNamespace();
    }

    /** After a cancelled or failed run: review again (the plan shows what is left) and install from there. */
    public void retry() {
        if (busy.get() || step.get() != Step.INSTALL) {
            return;
        }
        step.set(Step.REVIEW);
        review();
    }

    // ---- done ----

    /** Sends the synthetic alert through the pod proxy and reports what Alertmanager's counters say. */
    public void sendTestAlert() {
        if (busy.get() || target == null) {
            return;
        }
        StackParameters p = parameters();
        InstallTarget t = target;
        busy.set(true);
        testAlertOk.set(false);
        testAlertResult.set("Sending a test alert to Alertmanager…");
        tasks.run(() -> t.sendTestAlert(p, clock, () -> false, line -> tasks.ui().execute(() -> testAlertResult.set(line))))
                .onSuccess(outcome -> {
                    testAlertOk.set(outcome.verdict() == SyntheticAlert.Verdict.DELIVERED);
                    testAlertResult.set(outcome.sentence());
                })
                .onError(error -> testAlertResult.set("The test alert could not be sent: " + DialogService.sentence(error)))
                .andFinally(() -> busy.set(false))
                .start();
    }

    public ReadOnlyBooleanProperty testAlertOkProperty() {
        return testAlertOk;
    }

    // ---- accessors ----

    public Optional<InstallTarget> target() {
        return Optional.ofNullable(target);
    }

    public ObjectProperty<Backend> backendProperty() {
        return backend;
    }

    public BooleanProperty s3InsecureProperty() {
        return s3Insecure;
    }

    public BooleanProperty dingtalkProperty() {
        return dingtalk;
    }

    public BooleanProperty wechatProperty() {
        return wechat;
    }

    public StringProperty imagePullSecretsProperty() {
        return imagePullSecrets;
    }

    public StringProperty s3AccessKeyProperty() {
        return s3AccessKey;
    }

    public StringProperty s3SecretKeyProperty() {
        return s3SecretKey;
    }

    public StringProperty dingtalkRobotUrlProperty() {
        return dingtalkRobotUrl;
    }

    public StringProperty wechatRobotUrlProperty() {
        return wechatRobotUrl;
    }

    public ReadOnlyObjectProperty<KubeContext> contextProperty() {
        return context;
    }

    public ObservableList<StorageClassInfo> storageClasses() {
        return storageClasses;
    }

    public ObservableList<String> namespaces() {
        return namespaces;
    }

    public ReadOnlyObjectProperty<InstallTarget.Inspection> inspectionProperty() {
        return inspection;
    }

    public ReadOnlyStringProperty targetStatusProperty() {
        return targetStatus;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    public ReadOnlyStringProperty s3TestResultProperty() {
        return s3TestResult;
    }

    public ReadOnlyBooleanProperty s3TestOkProperty() {
        return s3TestOk;
    }

    public ObservableList<String> images() {
        return images;
    }

    public ObservableList<CheckResult> checks() {
        return checks;
    }

    public ObservableList<PlanItem> plan() {
        return plan;
    }

    public ReadOnlyStringProperty planSummaryProperty() {
        return planSummary;
    }

    public ReadOnlyObjectProperty<RenderedStack> renderedProperty() {
        return rendered;
    }

    public ReadOnlyStringProperty reviewErrorProperty() {
        return reviewError;
    }

    public ObservableList<RolloutProgress.Workload> workloads() {
        return workloads;
    }

    public ObservableList<String> installLog() {
        return installLog;
    }

    public ObservableList<String> rolloutProblems() {
        return rolloutProblems;
    }

    public ObservableList<String> events() {
        return events;
    }

    public ReadOnlyObjectProperty<Installation.Ending> endingProperty() {
        return ending;
    }

    public ReadOnlyStringProperty testAlertResultProperty() {
        return testAlertResult;
    }

    private void closeQuietly(ClusterConnection old) {
        if (old != null) {
            old.close();
        }
    }

    /** Closes the wizard's connection (off the UI thread). */
    @Override
    public void close() {
        targetGeneration++;
        ClusterConnection old = connection;
        connection = null;
        target = null;
        if (old != null) {
            tasks.executor().execute(old::close);
        }
    }
}
