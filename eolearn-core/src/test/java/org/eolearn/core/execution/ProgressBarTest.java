package org.eolearn.core.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.eolearn.core.workflow.NodeStats;
import org.eolearn.core.workflow.WorkflowResults;
import org.junit.jupiter.api.Test;

/** The progress bar counts executions and shows the last node that ran, so a long execution shows it moves. */
class ProgressBarTest {

    @Test
    void showsCountsAndTheLastNode() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        bar.started(2);
        Thread.sleep(150); // past the bar's redraw interval
        Instant now = Instant.now();
        bar.nodeFinished(0, "reservoir-1", new NodeStats("u1", "DownloadTask", now, now, null));
        String mid = bytes.toString(StandardCharsets.UTF_8);
        assertThat(mid).contains("0/2").endsWith(", reservoir-1: DownloadTask");
        WorkflowResults ok = new WorkflowResults(Map.of(), now, now, Map.of(), null);
        bar.executionFinished(0, "reservoir-1", ok);
        bar.executionFinished(1, "reservoir-2", ok);
        bar.finished();
        String end = bytes.toString(StandardCharsets.UTF_8);
        String last = end.substring(end.lastIndexOf('\r') + 1);
        assertThat(last).contains("2/2").doesNotContain("DownloadTask");
    }
}
