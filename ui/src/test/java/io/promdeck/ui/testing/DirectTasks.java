package io.promdeck.ui.testing;

import io.promdeck.ui.common.Tasks;
import io.promdeck.ui.common.UiThread;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;

/** Tasks that run background work and UI updates on the calling thread, so a view model's test needs no toolkit and no waiting. */
public final class DirectTasks {

    private DirectTasks() {
    }

    public static Tasks create() {
        return new Tasks(new Direct(), UiThread.direct());
    }

    private static final class Direct extends AbstractExecutorService {
        @Override
        public void execute(Runnable command) {
            command.run();
        }

        @Override
        public void shutdown() {
        }

        @Override
        public List<Runnable> shutdownNow() {
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return false;
        }

        @Override
        public boolean isTerminated() {
            return false;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return true;
        }
    }
}
