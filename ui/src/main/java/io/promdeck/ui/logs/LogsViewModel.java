package io.promdeck.ui.logs;

import io.promdeck.app.logs.LogSource;
import io.promdeck.app.logs.LogSources;
import io.promdeck.app.session.StackSession;
import io.promdeck.ui.common.DialogService;
import io.promdeck.ui.common.Formats;
import io.promdeck.ui.common.Tasks;
import io.promdeck.ui.session.SessionModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Logs panel: any pod's (or local process's) container log, the last N lines or followed, the previous container's
 * log after a restart, searched, downloaded, and the kubectl command that shows the same. Reading runs on the shared
 * executor; followed lines reach the list in batches on the UI thread.
 */
public final class LogsViewModel {

    /** Lines kept while following; the oldest go first (the download has what was read). */
    static final int MAX_SHOWN = 20_000;

    private final Tasks tasks;
    private final Clock clock;
    private final ObservableList<LogSource.Target> targets = FXCollections.observableArrayList();
    private final ObservableList<String> lines = FXCollections.observableArrayList();
    private final ObjectProperty<LogSource.Target> pod = new SimpleObjectProperty<>();
    private final ObservableList<String> containers = FXCollections.observableArrayList();
    private final StringProperty container = new SimpleStringProperty();
    private final BooleanProperty previous = new SimpleBooleanProperty(false);
    private final StringProperty tail = new SimpleStringProperty("1000");
    private final StringProperty tailError = new SimpleStringProperty("");
    private final BooleanProperty following = new SimpleBooleanProperty(false);
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final StringProperty search = new SimpleStringProperty("");
    private final IntegerProperty matches = new SimpleIntegerProperty(0);
    private final StringProperty status = new SimpleStringProperty("Not connected.");
    private final StringProperty command = new SimpleStringProperty("");
    private final ConcurrentLinkedQueue<String> arriving = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean flushScheduled = new AtomicBoolean();
    private Optional<LogSource> source = Optional.empty();
    private LogSource.Stream stream;
    /** Bumped whenever what is shown changes hands (new session, new read), so late answers are dropped. */
    private long generation;

    public LogsViewModel(SessionModel session, Tasks tasks, Clock clock) {
        this.tasks = tasks;
        this.clock = clock;
        session.sessionProperty().addListener((obs, old, now) -> session(now));
        pod.addListener((obs, old, now) -> {
            containers.setAll(now == null ? List.of() : now.containers());
            container.set(containers.isEmpty() ? null : containers.get(0));
        });
        search.addListener((obs, old, now) -> countMatches());
        lines.addListener((javafx.collections.ListChangeListener<String>) c -> countMatches());
        session(session.sessionProperty().get());
    }

    void session(StackSession session) {
        use(session == null ? Optional.empty() : LogSources.of(session, tasks.executor()),
                session == null ? "Not connected." : "A direct-URL profile reaches the components' HTTP APIs only: it has no logs.");
    }

    /** Reads from {@code found} from now on; without one, the panel says {@code none}. */
    void use(Optional<LogSource> found, String none) {
        stopFollowing();
        generation++;
        lines.clear();
        targets.clear();
        pod.set(null);
        command.set("");
        source = found;
        if (source.isEmpty()) {
            status.set(none);
            return;
        }
        reloadTargets();
    }

    /** Lists the pods (or processes) again. */
    public void reloadTargets() {
        if (source.isEmpty()) {
            return;
        }
        LogSource from = source.get();
        long mine = generation;
        status.set("Listing the pods of " + from.where() + "…");
        tasks.run(from::targets).onSuccess(found -> {
            if (mine != generation) {
                return;
            }
            String keep = pod.get() == null ? null : pod.get().pod();
            targets.setAll(found);
            pod.set(found.stream().filter(t -> t.pod().equals(keep)).findFirst().orElse(found.isEmpty() ? null : found.get(0)));
            status.set(found.isEmpty() ? "No pod in " + from.where() + "." : "Pick a pod and container, then Show or Follow.");
        }).onError(e -> {
            if (mine == generation) {
                status.set(DialogService.sentence(e));
            }
        }).start();
    }

    /** The request the controls describe, or empty with the reason set at the field that is wrong. */
    Optional<LogSource.Request> request() {
        LogSource.Target target = pod.get();
        if (target == null || container.get() == null) {
            status.set("Pick a pod and a container first.");
            return Optional.empty();
        }
        int count;
        try {
            count = Integer.parseInt(tail.get().strip());
            LogSource.Request request = new LogSource.Request(target.pod(), container.get(), previous.get(), count);
            tailError.set("");
            return Optional.of(request);
        } catch (NumberFormatException e) {
            tailError.set("\"" + tail.get() + "\" is not a number of lines (1 to " + LogSource.MAX_LINES + ")");
        } catch (IllegalArgumentException e) {
            tailError.set(e.getMessage());
        }
        return Optional.empty();
    }

    /** A read about to start: what it asks, from where, and its generation (answers of older reads are dropped). */
    private record Start(LogSource.Request request, LogSource from, long mine) {
    }

    /** Stops following and starts a new generation for a valid request; empty when the controls are wrong. */
    private Optional<Start> begin() {
        Optional<LogSource.Request> request = request();
        if (request.isEmpty() || source.isEmpty()) {
            return Optional.empty();
        }
        stopFollowing();
        return Optional.of(new Start(request.get(), source.get(), ++generation));
    }

    /** Reads the last lines once. */
    public void show() {
        begin().ifPresent(this::readOnce);
    }

    private void readOnce(Start start) {
        LogSource.Request request = start.request();
        LogSource from = start.from();
        long mine = start.mine();
        busy.set(true);
        command.set(from.command(request, false));
        status.set("Reading " + describe(request) + "…");
        tasks.run(() -> from.read(request)).onSuccess(read -> {
            if (mine != generation) {
                return;
            }
            lines.setAll(read);
            status.set(read.size() + " line" + (read.size() == 1 ? "" : "s") + " of " + describe(request) + ", read at "
                    + Formats.time(clock.instant()) + " (not updating: Follow keeps it live)");
        }).onError(e -> {
            if (mine == generation) {
                lines.clear();
                status.set(DialogService.sentence(e));
            }
        }).andFinally(() -> busy.set(false)).start();
    }

    /** Follows the log until stopped: the last lines first, then each new line. */
    public void follow() {
        begin().ifPresent(this::followFrom);
    }

    private void followFrom(Start start) {
        LogSource.Request request = start.request();
        LogSource from = start.from();
        long mine = start.mine();
        lines.clear();
        arriving.clear();
        following.set(true);
        command.set(from.command(request, true));
        status.set("Following " + describe(request) + "…");
        tasks.run(() -> from.follow(request, line -> arrived(mine, line), why -> tasks.ui().execute(() -> ended(mine, why))))
                .onSuccess(opened -> {
                    if (mine != generation) {
                        opened.close();
                        return;
                    }
                    stream = opened;
                }).onError(e -> {
                    if (mine == generation) {
                        following.set(false);
                        status.set(DialogService.sentence(e));
                    }
                }).start();
    }

    private void arrived(long mine, String line) {
        arriving.add(line);
        if (flushScheduled.compareAndSet(false, true)) {
            tasks.ui().execute(() -> flush(mine));
        }
    }

    /** Moves the lines that arrived since the last flush into the list, in one change. */
    private void flush(long mine) {
        flushScheduled.set(false);
        List<String> batch = new ArrayList<>();
        for (String next = arriving.poll(); next != null; next = arriving.poll()) {
            batch.add(next);
        }
        if (mine != generation || batch.isEmpty()) {
            return;
        }
        lines.addAll(batch);
        if (lines.size() > MAX_SHOWN) {
            lines.remove(0, lines.size() - MAX_SHOWN);
        }
    }

    private void ended(long mine, String why) {
        if (mine != generation) {
            return;
        }
        flush(mine);
        following.set(false);
        stream = null;
        if (!why.isEmpty()) {
            status.set(lines.size() + " lines; " + why + " at " + Formats.time(clock.instant()) + ".");
        }
    }

    /** Stops following (the lines read so far stay). */
    public void stopFollowing() {
        if (stream != null) {
            stream.close();
            stream = null;
        }
        if (following.get()) {
            following.set(false);
            status.set(lines.size() + " lines; stopped following at " + Formats.time(clock.instant()) + ".");
        }
    }

    /** Writes the lines shown to a file (owner-only: logs can hold secrets), off the UI thread. */
    public void download(Path file) {
        List<String> copy = List.copyOf(lines);
        tasks.run(() -> {
            Files.write(file, copy, StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system (Windows): the user's profile folder is private already.
            }
            return file;
        }).onSuccess(saved -> status.set("Saved " + copy.size() + " lines to " + saved + "."))
                .onError(e -> status.set("Could not save the log: " + DialogService.sentence(e))).start();
    }

    private void countMatches() {
        String needle = search.get() == null ? "" : search.get().toLowerCase(Locale.ROOT);
        matches.set(needle.isEmpty() ? 0 : (int) lines.stream().filter(l -> l.toLowerCase(Locale.ROOT).contains(needle)).count());
    }

    /** The index of the next line (after {@code from}, wrapping) that contains the search text, or -1. */
    public int nextMatch(int from, boolean forward) {
        String needle = search.get() == null ? "" : search.get().toLowerCase(Locale.ROOT);
        int size = lines.size();
        if (needle.isEmpty() || size == 0) {
            return -1;
        }
        for (int step = 1; step <= size; step++) {
            int index = Math.floorMod(from + (forward ? step : -step), size);
            if (lines.get(index).toLowerCase(Locale.ROOT).contains(needle)) {
                return index;
            }
        }
        return -1;
    }

    private static String describe(LogSource.Request request) {
        return (request.previous() ? "the previous " : "") + request.pod() + "/" + request.container();
    }

    public ObservableList<LogSource.Target> targets() {
        return targets;
    }

    public ObservableList<String> lines() {
        return lines;
    }

    public ObjectProperty<LogSource.Target> podProperty() {
        return pod;
    }

    /** The containers of the pod picked, in the order of its spec (the first is the main one). */
    public ObservableList<String> containers() {
        return containers;
    }

    public StringProperty containerProperty() {
        return container;
    }

    public BooleanProperty previousProperty() {
        return previous;
    }

    public StringProperty tailProperty() {
        return tail;
    }

    public ReadOnlyStringProperty tailErrorProperty() {
        return tailError;
    }

    public ReadOnlyBooleanProperty followingProperty() {
        return following;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    public StringProperty searchProperty() {
        return search;
    }

    public IntegerProperty matchesProperty() {
        return matches;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status;
    }

    public ReadOnlyStringProperty commandProperty() {
        return command;
    }
}
