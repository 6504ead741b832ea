package org.eolearn.core.execution;

import static org.eolearn.core.workflow.WorkflowGraphs.escape;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eolearn.core.workflow.EONode;
import org.eolearn.core.workflow.NodeStats;
import org.eolearn.core.workflow.WorkflowResults;

/**
 * Writes an executor's {@code report.html}: a single self-contained file (inline CSS and SVG, no network). Used by
 * {@link EOExecutor} and by executors of other modules (Spark) through {@link ExecutionRun#makeReport(boolean)}.
 *
 * @since 0.1
 */
final class ExecutorReport {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private ExecutorReport() {
    }

    /**
     * Writes {@code report.html} into the run's folder.
     *
     * @param run         what to show
     * @param includeLogs whether to put the logs in the report (otherwise they are linked)
     * @return the report file
     */
    static Path write(ExecutionRun run, boolean includeLogs) {
        Path folder = run.folder();
        Path file = folder.resolve("report.html");
        StringBuilder h = new StringBuilder(16 * 1024);
        List<WorkflowResults> results = run.results();
        List<String> names = run.names();
        int failed = (int) results.stream().filter(WorkflowResults::workflowFailed).count();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Report ")
                .append(TIME.format(run.start())).append("</title>\n<style>")
                .append("body{font-family:sans-serif;margin:2em;color:#222}h1{font-size:1.6em}h2{margin-top:1.6em}")
                .append("table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}")
                .append(".box{display:inline-block;width:14px;height:14px;margin:1px;border-radius:2px}")
                .append(".ok{background:#4caf50}.fail{background:#e53935}pre{background:#f6f6f6;padding:8px;")
                .append("overflow-x:auto;font-size:12px}.node{margin-bottom:1em}code{background:#f0f0f0}")
                .append("</style></head><body>\n");
        h.append("<h1>Report ").append(TIME.format(run.start())).append("</h1>\n");
        h.append("<h2>Workflow</h2>\n").append(run.workflow().svg());
        Duration total = Duration.between(run.start(), run.end());
        h.append("<h2>Summary</h2>\n<table>")
                .append(row("Start time", TIME.format(run.start())))
                .append(row("End time", TIME.format(run.end())))
                .append(row("Duration", formatG(total.toNanos() / 1e9, 4) + " seconds"))
                .append(row("Number of finished executions", Integer.toString(results.size() - failed)))
                .append(row("Number of failed executions", Integer.toString(failed)))
                .append(row("Number of workers", Integer.toString(run.workers())))
                .append("</table>\n<p>");
        for (int i = 0; i < results.size(); i++) {
            boolean bad = results.get(i).workflowFailed();
            h.append("<a href=\"#execution-").append(escape(names.get(i))).append("\" title=\"")
                    .append(escape(names.get(i))).append(bad ? " failed" : " finished").append("\" class=\"box ")
                    .append(bad ? "fail" : "ok").append("\"></a>");
        }
        h.append("</p>\n");
        appendExceptions(h, run.workflow(), results, names);
        appendNodes(h, run.workflow(), results);
        appendExecutions(h, run.logs(), results, names, includeLogs);
        h.append("</body></html>\n");
        try {
            Files.createDirectories(folder);
            org.eolearn.core.io.AtomicFiles.writeString(file, h);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report " + file, e);
        }
        return file;
    }

    private static void appendExceptions(StringBuilder h, org.eolearn.core.workflow.EOWorkflow workflow,
                                         List<WorkflowResults> results, List<String> names) {
        h.append("<h2>Summary of exceptions</h2>\n");
        Map<String, Map<String, List<Integer>>> byNode = new LinkedHashMap<>();
        Map<String, String> example = new LinkedHashMap<>();
        for (int i = 0; i < results.size(); i++) {
            NodeStats s = results.get(i).errorStats();
            if (s == null) {
                continue;
            }
            String key = s.exceptionInfo().summary();
            byNode.computeIfAbsent(s.nodeUid(), k -> new LinkedHashMap<>()).computeIfAbsent(key,
                    k -> new ArrayList<>()).add(i);
            example.putIfAbsent(s.nodeUid() + key, String.valueOf(s.exceptionInfo().exception().getMessage()));
        }
        if (byNode.isEmpty()) {
            h.append("<p>No execution failed.</p>\n");
            return;
        }
        for (Map.Entry<String, Map<String, List<Integer>>> node : byNode.entrySet()) {
            EONode n = workflow.nodeWithUid(node.getKey());
            // a failure outside every task (the executor's own, e.g. out of memory) has no node of the workflow
            h.append("<div class=\"node\"><b>").append(escape(n == null ? node.getKey() : n.name())).append("</b> (")
                    .append(escape(n == null ? "outside the tasks" : n.uid())).append(")<ul>");
            for (Map.Entry<String, List<Integer>> group : node.getValue().entrySet()) {
                h.append("<li><code>").append(escape(group.getKey())).append("</code><br>Example message: ")
                        .append(escape(example.get(node.getKey() + group.getKey()))).append("<br>")
                        .append(group.getValue().size()).append(" failed execution(s): ");
                for (int i : group.getValue()) {
                    h.append("<a href=\"#execution-").append(escape(names.get(i))).append("\">")
                            .append(escape(names.get(i))).append("</a> ");
                }
                h.append("</li>");
            }
            h.append("</ul></div>\n");
        }
    }

    private static void appendNodes(StringBuilder h, org.eolearn.core.workflow.EOWorkflow workflow,
                                    List<WorkflowResults> results) {
        h.append("<h2>Nodes</h2>\n");
        for (EONode n : workflow.nodes()) {
            h.append("<div class=\"node\"><b>").append(escape(n.name())).append("</b> (").append(escape(n.uid()))
                    .append(")<table>");
            for (Map.Entry<String, Object> e : n.task().describe().entrySet()) {
                h.append(row(e.getKey(), org.eolearn.core.task.Tasks.describeValue(e.getValue())));
            }
            h.append("</table>");
            List<Double> seconds = new ArrayList<>();
            for (WorkflowResults r : results) {
                NodeStats s = r.stats().get(n.uid());
                if (s != null) {
                    seconds.add(s.duration().toNanos() / 1e9);
                }
            }
            if (!seconds.isEmpty()) {
                double min = seconds.stream().mapToDouble(Double::doubleValue).min().orElse(0);
                double max = seconds.stream().mapToDouble(Double::doubleValue).max().orElse(0);
                double mean = seconds.stream().mapToDouble(Double::doubleValue).average().orElse(0);
                double var = seconds.stream().mapToDouble(x -> (x - mean) * (x - mean)).average().orElse(0);
                h.append("<p>Between ").append(formatG(min, 4)).append(" and ").append(formatG(max, 4))
                        .append(" seconds, usually ").append(formatG(mean, 4)).append(" &#177; ")
                        .append(formatG(Math.sqrt(var), 4)).append(" seconds</p>");
            }
            h.append("</div>\n");
        }
    }

    private static void appendExecutions(StringBuilder h, List<Path> logs, List<WorkflowResults> results,
                                         List<String> names, boolean includeLogs) {
        h.append("<h2>Executions</h2>\n");
        for (int i = 0; i < results.size(); i++) {
            WorkflowResults r = results.get(i);
            h.append("<div class=\"node\" id=\"execution-").append(escape(names.get(i))).append("\"><h3>")
                    .append(escape(names.get(i))).append("</h3><table>")
                    .append(row("Start time", TIME.format(r.startTime())))
                    .append(row("End time", TIME.format(r.endTime())))
                    .append(row("Duration", formatG(r.duration().toNanos() / 1e9, 4) + " seconds"))
                    .append(row("Status", r.workflowFailed() ? "failed" : "finished"))
                    .append("</table>");
            NodeStats bad = r.errorStats();
            if (bad != null) {
                h.append("<p>Failed at node <b>").append(escape(bad.nodeName())).append("</b>, ")
                        .append(escape(bad.exceptionInfo().summary())).append("</p><pre>")
                        .append(escape(bad.exceptionInfo().traceback())).append("</pre>");
            }
            if (!logs.isEmpty()) {
                Path log = logs.get(i);
                if (includeLogs) {
                    String text;
                    try {
                        text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no log file)";
                    } catch (IOException e) {
                        text = "(cannot read " + log + ": " + e.getMessage() + ")";
                    }
                    h.append("<details><summary>Logs</summary><pre>").append(escape(text)).append("</pre></details>");
                } else {
                    h.append("<p><a href=\"").append(escape(log.getFileName().toString())).append("\">Logs</a></p>");
                }
            }
            h.append("</div>\n");
        }
    }

    private static String row(String key, String value) {
        return "<tr><th>" + escape(key) + "</th><td>" + escape(value) + "</td></tr>";
    }

    /**
     * Formats like Python's {@code format(x, ".<digits>g")}.
     *
     * @param x      the value
     * @param digits significant digits
     * @return the text
     */
    static String formatG(double x, int digits) {
        if (x == 0) {
            return "0";
        }
        if (!Double.isFinite(x)) {
            return Double.isNaN(x) ? "nan" : x > 0 ? "inf" : "-inf";
        }
        BigDecimal v = new BigDecimal(x).round(new MathContext(digits));
        int exponent = v.precision() - v.scale() - 1;
        if (exponent < -4 || exponent >= digits) {
            BigDecimal mantissa = v.movePointLeft(exponent).stripTrailingZeros();
            return mantissa.toPlainString() + "e" + (exponent < 0 ? "-" : "+")
                    + String.format(Locale.ROOT, "%02d", Math.abs(exponent));
        }
        return v.stripTrailingZeros().toPlainString();
    }
}
