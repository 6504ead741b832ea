package org.eolearn.core.execution;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.eolearn.core.workflow.WorkflowResults;

/**
 * A text progress bar on a terminal: {@code [######......] 45/100 failed 1, 0:12 elapsed, ~0:15 left, patch_46:
 * SaveTask}: the last field is the last node that ran, so that a long execution shows it is moving.
 *
 * @since 0.1
 */
public final class ProgressBar implements ExecutionListener {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private volatile int total;
    private volatile long start;
    private long lastPrint;
    private volatile String lastNode = "";
    private int previousLength;

    /**
     * Creates a bar printing to a stream.
     *
     * @param out the stream, usually {@code System.err}
     */
    public ProgressBar(PrintStream out) {
        this.out = out;
    }

    /**
     * Returns a bar on {@code System.err} when the program runs on a terminal, otherwise a listener that does
     * nothing.
     *
     * @return the listener
     */
    public static ExecutionListener onTerminal() {
        return System.console() != null ? new ProgressBar(System.err) : new ExecutionListener() { };
    }

    @Override
    public void started(int count) {
        total = count;
        start = System.nanoTime();
        print(true);
    }

    @Override
    public void executionFinished(int index, String name, WorkflowResults results) {
        done.incrementAndGet();
        if (results.workflowFailed()) {
            failed.incrementAndGet();
        }
        print(false);
    }

    @Override
    public void nodeFinished(int index, String name, org.eolearn.core.workflow.NodeStats node) {
        lastNode = name + ": " + node.nodeName();
        print(false);
    }

    @Override
    public void finished() {
        print(true);
        synchronized (this) {
            out.println();
            out.flush();
        }
    }

    private synchronized void print(boolean force) {
        long now = System.nanoTime();
        if (!force && now - lastPrint < 100_000_000L && done.get() < total) {
            return;
        }
        lastPrint = now;
        int d = done.get();
        int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * d / total);
        Duration elapsed = Duration.ofNanos(now - start);
        String left = d == 0 || d >= total ? "" : ", ~" + clock(elapsed.multipliedBy(total - d).dividedBy(d)) + " left";
        String node = d >= total || lastNode.isEmpty() ? "" : ", " + lastNode;
        if (node.length() > 40) {
            node = node.substring(0, 39) + "\u2026";
        }
        // the line is padded so that a shorter one overwrites a longer one
        String line = String.format(Locale.ROOT, "\r[%s%s] %d/%d%s, %s elapsed%s%s", "#".repeat(filled),
                ".".repeat(WIDTH - filled), d, total, failed.get() > 0 ? " failed " + failed.get() : "",
                clock(elapsed), left, node);
        out.print(String.format(Locale.ROOT, "%-" + Math.max(1, previousLength) + "s", line));
        previousLength = line.length();
        out.flush();
    }

    private static String clock(Duration d) {
        long s = d.getSeconds();
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
