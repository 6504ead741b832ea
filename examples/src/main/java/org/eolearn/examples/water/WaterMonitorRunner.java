package org.eolearn.examples.water;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eolearn.core.EOPatch;
import org.eolearn.core.FeatureType;
import org.eolearn.core.NdArrays;
import org.eolearn.core.execution.EOExecutor;
import org.eolearn.core.workflow.EONode;
import org.eolearn.core.workflow.NodeStats;
import org.eolearn.core.workflow.WorkflowResults;

/**
 * Runs the water monitor over many reservoirs with the {@link EOExecutor} (one execution per reservoir, in
 * parallel), writes each reservoir's outputs into {@code <out>/<name>/}, the executor's HTML report, and
 * {@code <out>/index.html} linking all of it (saying so when the reservoirs are synthetic, i.e. have true levels). A reservoir that fails (a broken outline, a failing download) fails
 * alone: its row in the index and the report say why.
 *
 * @since 0.1
 */
public final class WaterMonitorRunner {

    /** The outcome of one reservoir. */
    public record Outcome(Reservoir reservoir, boolean failed, String error, int framesKept, double minLevel,
                          double maxLevel, double meanAbsoluteError, double correlation) {
    }

    /** The outcome of a run. */
    public record Summary(List<Outcome> outcomes, Path report, Path index) {
    }

    private WaterMonitorRunner() {
    }

    /**
     * Runs the workflow for every reservoir.
     *
     * @param built        the workflow (see {@link WaterMonitor#workflow})
     * @param reservoirs   the reservoirs
     * @param from         the first date
     * @param to           the end date (excluded)
     * @param resolution   the pixel size (m)
     * @param workers      parallel executions
     * @param out          the output folder
     * @param truths       the true water levels per reservoir name (synthetic demo only), may be empty
     * @return the summary
     */
    public static Summary run(WaterMonitor.Built built, List<Reservoir> reservoirs, LocalDate from, LocalDate to,
                              double resolution, int workers, Path out,
                              Map<String, Map<LocalDateTime, Double>> truths) {
        List<Map<EONode, Map<String, Object>>> args = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Reservoir r : reservoirs) {
            Map<EONode, Map<String, Object>> a = new HashMap<>();
            a.put(built.nodes().input(), Map.of("bbox", r.bbox(resolution), "time_interval",
                    List.of(from.toString(), to.toString())));
            a.put(built.nodes().outline(), Map.of("outline", r.outline(), "crs", r.crs()));
            Map<String, Object> outArgs = new HashMap<>();
            outArgs.put("folder", out.resolve(r.name()));
            outArgs.put("name", r.name());
            if (truths.containsKey(r.name())) {
                outArgs.put("truth", truths.get(r.name()));
            }
            a.put(built.nodes().outputs(), outArgs);
            args.add(a);
            names.add(r.name());
        }
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the output folder " + out, e);
        }
        EOExecutor executor = EOExecutor.builder(built.workflow(), args).executionNames(names).saveLogs(true)
                .logsFolder(out.resolve("logs")).listener(org.eolearn.core.execution.ProgressBar.onTerminal())
                .build();
        List<WorkflowResults> results = executor.run(workers);
        Path report = executor.makeReport(true);
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < reservoirs.size(); i++) {
            outcomes.add(outcome(reservoirs.get(i), results.get(i), truths.get(reservoirs.get(i).name())));
        }
        Path index = writeIndex(out, outcomes, report, !truths.isEmpty());
        return new Summary(outcomes, report, index);
    }

    private static Outcome outcome(Reservoir r, WorkflowResults result, Map<LocalDateTime, Double> truth) {
        if (result.workflowFailed()) {
            NodeStats s = result.errorStats();
            String error = s == null || s.exceptionInfo() == null ? "failed"
                    : s.nodeName() + ": " + s.exceptionInfo().exception().getMessage();
            return new Outcome(r, true, error, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        EOPatch p = (EOPatch) result.outputs().get("final_eopatch");
        double[] level = NdArrays.toDoubles(p.getArray(FeatureType.SCALAR, "WATER_LEVEL"));
        double min = Double.NaN;
        double max = Double.NaN;
        for (double v : level) {
            min = Double.isNaN(min) ? v : Math.min(min, v);
            max = Double.isNaN(max) ? v : Math.max(max, v);
        }
        double mae = Double.NaN;
        double corr = Double.NaN;
        if (truth != null && level.length > 1) {
            double[] t = new double[level.length];
            mae = 0;
            for (int i = 0; i < level.length; i++) {
                t[i] = truth.get(p.timestamps().get(i));
                mae += Math.abs(level[i] - t[i]);
            }
            mae /= level.length;
            corr = correlation(level, t);
        }
        return new Outcome(r, false, null, level.length, min, max, mae, corr);
    }

    /**
     * Pearson's correlation.
     *
     * @param a values
     * @param b values of the same length
     * @return the correlation
     */
    public static double correlation(double[] a, double[] b) {
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += a[i] / a.length;
            mb += b[i] / b.length;
        }
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }

    private static Path writeIndex(Path out, List<Outcome> outcomes, Path report, boolean synthetic) {
        StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Water monitor"
                + "</title><style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
                + "td,th{border:1px solid #ccc;padding:4px 8px}.failed{color:#b00}</style></head><body>\n"
                + "<h1>Water-level monitoring</h1>\n" + (synthetic ? "<p><strong>Synthetic demo data:</strong> a generated "
                + "reservoir, not a real place, compared with the generator's true water levels.</p>\n" : "")
                + "<p><a href=\"" + esc(out.relativize(report).toString().replace('\\',
                '/')) + "\">Executor report</a> (timings, logs, failures)</p>\n<table><tr><th>reservoir</th>"
                + "<th>status</th><th>frames kept</th><th>water level</th><th>outputs</th></tr>\n");
        for (Outcome o : outcomes) {
            String n = esc(o.reservoir().name());
            b.append("<tr><td>").append(n).append("</td>");
            if (o.failed()) {
                b.append("<td class=\"failed\">failed: ").append(esc(o.error())).append("</td><td></td><td></td><td></td>");
            } else {
                b.append("<td>ok</td><td>").append(o.framesKept()).append("</td><td>")
                        .append(String.format(Locale.ROOT, "%.3f - %.3f", o.minLevel(), o.maxLevel()));
                if (!Double.isNaN(o.meanAbsoluteError())) {
                    b.append(String.format(Locale.ROOT, " (vs synthetic truth: MAE %.4f, r %.4f)",
                            o.meanAbsoluteError(), o.correlation()));
                }
                b.append("</td><td><a href=\"").append(n).append("/water_level.png\">chart</a> &middot; <a href=\"")
                        .append(n).append("/water_level.csv\">CSV</a> &middot; <a href=\"").append(n)
                        .append("/\">images and patch</a></td>");
            }
            b.append("</tr>\n");
        }
        b.append("</table>\n</body></html>\n");
        Path index = out.resolve("index.html");
        try {
            org.eolearn.core.io.AtomicFiles.writeString(index, b);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + index, e);
        }
        return index;
    }

    private static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
