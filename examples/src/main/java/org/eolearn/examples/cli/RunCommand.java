package org.eolearn.examples.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.eolearn.core.execution.EOExecutor;
import org.eolearn.core.execution.ProgressBar;
import org.eolearn.core.task.TaskRegistry;
import org.eolearn.core.workflow.WorkflowJson;
import org.eolearn.core.workflow.WorkflowResults;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code eolearn run WORKFLOW.json --args ARGS.json}: runs a workflow over many argument sets. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a workflow over a list of execution arguments with the executor.",
            "",
            "WORKFLOW.json: {\"nodes\": [{\"name\": ..., \"task\": ..., \"params\": {...}, \"inputs\": [...]}]}.",
            "ARGS.json: a list with one object per execution, mapping node names to execute-time arguments, "
                + "optionally with \"_name\" for the execution's log file.",
            "",
            "With --spark MASTER the executions run on Apache Spark (eolearn-spark) instead of the local executor.",
            "Exit status: 0 when every execution succeeded, 3 when some failed."})
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "WORKFLOW.json", description = "The workflow.")
    Path workflow;

    @Option(names = "--args", paramLabel = "ARGS.json", required = true, description = "The execution arguments.")
    Path args;

    @Option(names = "--workers", defaultValue = "1", description = "Executions at once (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--spark", paramLabel = "MASTER",
            description = "Run the executions on Apache Spark at this master URL, e.g. local[2] (instead of the "
                    + "local executor and --workers).")
    String spark;

    @Option(names = "--report", paramLabel = "DIR",
            description = "Save a log per execution and an HTML report under DIR/eoexecution-report-<time>/.")
    Path report;

    @Override
    public Integer call() throws Exception {
        if (spark != null) {
            return runOnSpark();
        }
        TaskRegistry registry = TaskRegistry.standard();
        WorkflowJson.Parsed parsed = WorkflowJson.read(workflow, registry);
        WorkflowJson.Executions executions = WorkflowJson.readArgs(args, parsed);
        EOExecutor executor = EOExecutor.builder(parsed.workflow(), executions.args())
                .executionNames(executions.names()).saveLogs(report != null)
                .logsFolder(report != null ? report : Path.of(".")).listener(ProgressBar.onTerminal()).build();
        List<WorkflowResults> results = executor.run(workers);
        int failed = executor.failedExecutions().size();
        System.out.println(results.size() + " executions: " + (results.size() - failed) + " succeeded, " + failed
                + " failed");
        for (int i : executor.failedExecutions()) {
            WorkflowResults r = results.get(i);
            System.out.println("  " + executions.names().get(i) + ": " + r.errorStats().nodeName() + " failed: "
                    + r.errorStats().exceptionInfo().summary() + ": " + r.errorStats().exceptionInfo().exception()
                    .getMessage());
        }
        if (report != null) {
            System.out.println("report: " + executor.makeReport(true));
        }
        return failed == 0 ? 0 : 3;
    }

    private int runOnSpark() throws Exception {
        org.apache.spark.SparkConf conf = new org.apache.spark.SparkConf().setMaster(spark).setAppName("eolearn run "
                + workflow.getFileName()).set("spark.ui.enabled", "false");
        try (org.apache.spark.api.java.JavaSparkContext sc = new org.apache.spark.api.java.JavaSparkContext(conf)) {
            org.eolearn.spark.SparkExecutor executor = new org.eolearn.spark.SparkExecutor(sc,
                    java.nio.file.Files.readString(workflow), java.nio.file.Files.readString(args), report != null,
                    report != null ? report : Path.of("."));
            List<WorkflowResults> results = executor.run();
            int failed = executor.failedExecutions().size();
            System.out.println(results.size() + " executions on Spark (" + spark + "): " + (results.size() - failed)
                    + " succeeded, " + failed + " failed");
            for (int i : executor.failedExecutions()) {
                WorkflowResults r = results.get(i);
                System.out.println("  " + executor.executionNames().get(i) + ": " + r.errorStats().nodeName()
                        + " failed: " + r.errorStats().exceptionInfo().summary() + ": "
                        + r.errorStats().exceptionInfo().exception().getMessage());
            }
            if (report != null) {
                System.out.println("report: " + executor.makeReport(true));
            }
            return failed == 0 ? 0 : 3;
        }
    }
}
