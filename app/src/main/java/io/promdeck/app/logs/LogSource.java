package io.promdeck.app.logs;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where the Logs panel reads from: a cluster's pods through the API server ({@code pods/log}), or a local stack's
 * processes (their log files). Every method blocks: call it off the UI thread.
 */
public interface LogSource {

    /** The most lines one request asks for: a log panel is for reading, the download is for archiving. */
    int MAX_LINES = 50_000;

    /** A pod (or local process) and its containers, in the order of its spec. */
    record Target(String pod, List<String> containers, int restarts) {
        public Target {
            containers = List.copyOf(containers);
        }
    }

    /**
     * What to read.
     *
     * @param previous  the previous (terminated) container's log, as {@code kubectl logs --previous}
     * @param tailLines the last lines only (1 to {@link #MAX_LINES})
     */
    record Request(String pod, String container, boolean previous, int tailLines) {
        public Request {
            if (tailLines < 1 || tailLines > MAX_LINES) {
                throw new IllegalArgumentException("the number of lines must be between 1 and " + MAX_LINES + ", not " + tailLines);
            }
        }
    }

    /** A followed log: lines arrive until it is closed or the stream ends. */
    interface Stream extends AutoCloseable {
        @Override
        void close();
    }

    /** Where the logs come from, for the panel's title ("lab / monitoring", "the local stack"). */
    String where();

    List<Target> targets() throws IOException;

    /** The log as it is now, one element per line. */
    List<String> read(Request request) throws IOException;

    /**
     * Follows the log: {@code line} gets each line as it is written (on a background thread), {@code ended} once
     * with why the stream ended ("" when closed by the caller).
     */
    Stream follow(Request request, Consumer<String> line, Consumer<String> ended) throws IOException;

    /** The command that shows the same on the operator's terminal. */
    String command(Request request, boolean follow);
}
