package org.eolearn.examples.cli;

import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.eolearn.core.EOPatch;
import org.eolearn.core.execution.EOExecutor;
import org.eolearn.core.io.SaveOptions;
import org.eolearn.core.task.TaskRegistry;
import org.eolearn.core.workflow.WorkflowJson;
import org.eolearn.spark.SparkExecutor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code eolearn bench spark}: the Spark executor against the local executor. */
@Command(name = "spark", mixinStandardHelpOptions = true,
        description = {"Run a JSON workflow over copies of the TestEOPatch with its band stack (LoadTask -> NDVI of "
                + "B08 and B04 with ExtractBandsTask and ZipFeatureTask -> SaveTask) with EOExecutor (1 and 2 "
                + "workers) and with the Spark executor on local[1] and local[2]; print patches/s, and the overhead "
                + "per execution of a 5-node near no-op workflow."})
final class SparkBench implements Callable<Integer> {

    @Option(names = "--shared", defaultValue = "../shared", description = "The shared folder (default: ${DEFAULT-VALUE}).")
    Path shared;

    @Option(names = "--copies", defaultValue = "16", description = "Patches (default: ${DEFAULT-VALUE}).")
    int copies;

    @Option(names = "--executions", defaultValue = "2000",
            description = "Executions of the no-op workflow (default: ${DEFAULT-VALUE}).")
    int executions;

    @Override
    public Integer call() throws Exception {
        Path work = Files.createTempDirectory("eolearn-spark-bench");
        try {
            Path in = work.resolve("in");
            EOPatch base = BenchData.testPatchWithBands(shared);
            base.save(in.resolve("p0"), SaveOptions.defaults());
            for (int i = 1; i < copies; i++) {
                BenchData.copyTree(in.resolve("p0"), in.resolve("p" + i));
            }
            String workflow = ("{'nodes': [{'name': 'load', 'task': 'LoadTask', 'params': {'path': '" + in + "'}},"
                    + "{'name': 'nir', 'task': 'ExtractBandsTask', 'params': {'input_feature': ['data', 'BANDS-S2-L1C'],"
                    + " 'output_feature': ['data', 'NIR'], 'bands': [7]}, 'inputs': ['load']},"
                    + "{'name': 'red', 'task': 'ExtractBandsTask', 'params': {'input_feature': ['data', 'BANDS-S2-L1C'],"
                    + " 'output_feature': ['data', 'RED'], 'bands': [3]}, 'inputs': ['nir']},"
                    + "{'name': 'ndvi', 'task': 'ZipFeatureTask', 'params': {'input_features': [['data', 'NIR'], "
                    + "['data', 'RED']], 'output_feature': ['data', 'NDVI_B'], 'zip_function': {'callable': "
                    + "'lambda a, b: (a - b) / (a + b)'}}, 'inputs': ['red']},"
                    + "{'name': 'save', 'task': 'SaveTask', 'params': {'path': '" + work.resolve("out")
                    + "', 'overwrite_permission': 'OVERWRITE_PATCH'}, 'inputs': ['ndvi']}]}").replace('\'', '"');
            StringBuilder args = new StringBuilder("[");
            for (int i = 0; i < copies; i++) {
                args.append(i == 0 ? "" : ",").append("{\"load\": {\"eopatch_folder\": \"p").append(i)
                        .append("\"}, \"save\": {\"eopatch_folder\": \"p").append(i).append("\"}}");
            }
            args.append(']');
            String noop = "{\"nodes\": [{\"name\": \"create\", \"task\": \"CreateEOPatchTask\"}, {\"name\": \"c1\", "
                    + "\"task\": \"CopyTask\", \"inputs\": [\"create\"]}, {\"name\": \"c2\", \"task\": \"CopyTask\", "
                    + "\"inputs\": [\"c1\"]}, {\"name\": \"c3\", \"task\": \"CopyTask\", \"inputs\": [\"c2\"]}, "
                    + "{\"name\": \"c4\", \"task\": \"CopyTask\", \"inputs\": [\"c3\"]}]}";
            String noopArgs = "[" + "{},".repeat(executions - 1) + "{}]";
            System.out.printf(Locale.ROOT, "%d patches of 48.8 MiB; no-op workflow: %d executions%n", copies,
                    executions);
            for (int workers : new int[] {1, 2}) {
                double s = local(workflow, args.toString(), workers);
                double o = local(noop, noopArgs, workers);
                System.out.printf(Locale.ROOT, "EOExecutor, %d worker%s: %.2f patches/s; no-op %.1f us per "
                        + "execution%n", workers, workers == 1 ? "" : "s", copies / s, o / executions * 1e6);
            }
            for (int cores : new int[] {1, 2}) {
                try (JavaSparkContext sc = new JavaSparkContext(new SparkConf().setMaster("local[" + cores + "]")
                        .setAppName("eolearn bench").set("spark.ui.enabled", "false"))) {
                    new SparkExecutor(sc, noop, noopArgs, false, work).run(); // warm-up
                    double s = spark(sc, workflow, args.toString(), work);
                    double o = spark(sc, noop, noopArgs, work);
                    System.out.printf(Locale.ROOT, "Spark local[%d]: %.2f patches/s; no-op %.1f us per execution%n",
                            cores, copies / s, o / executions * 1e6);
                }
            }
            return 0;
        } finally {
            BenchData.delete(work);
        }
    }

    private static double local(String workflow, String args, int workers) throws Exception {
        JsonMapper json = JsonMapper.builder().build();
        WorkflowJson.Parsed parsed = WorkflowJson.parse(json.readTree(workflow), TaskRegistry.standard());
        WorkflowJson.Executions ex = WorkflowJson.parseArgs(json.readTree(args), parsed);
        EOExecutor executor = EOExecutor.builder(parsed.workflow(), ex.args()).build();
        long start = System.nanoTime();
        executor.run(workers);
        return (System.nanoTime() - start) / 1e9;
    }

    private static double spark(JavaSparkContext sc, String workflow, String args, Path work) {
        SparkExecutor executor = new SparkExecutor(sc, workflow, args, false, work);
        long start = System.nanoTime();
        executor.run();
        return (System.nanoTime() - start) / 1e9;
    }
}
