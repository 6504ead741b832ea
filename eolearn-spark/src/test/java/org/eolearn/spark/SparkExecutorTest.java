package org.eolearn.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.eolearn.core.EOPatch;
import org.eolearn.core.FeatureSpec;
import org.eolearn.core.FeatureType;
import org.eolearn.core.execution.EOExecutor;
import org.eolearn.core.io.LoadOptions;
import org.eolearn.core.task.TaskRegistry;
import org.eolearn.core.testing.SharedData;
import org.eolearn.core.workflow.WorkflowJson;
import org.eolearn.core.workflow.WorkflowResults;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark executor on {@code local[2]} against {@link EOExecutor}: same outputs, same failures, same report. */
class SparkExecutorTest {

    private static JavaSparkContext sc;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSpark() {
        sc = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("eolearn-test")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1"));
    }

    @AfterAll
    static void stopSpark() {
        sc.stop();
    }

    private String workflow(Path in, Path out) {
        return ("{'nodes': ["
                + "{'name': 'load', 'task': 'LoadTask', 'params': {'path': '" + in + "'}},"
                + "{'name': 'rename', 'task': 'RenameFeatureTask', 'params': {'features': "
                + "[['mask_timeless', 'LULC', 'LAND_COVER']]}, 'inputs': ['load']},"
                + "{'name': 'double', 'task': 'MapFeatureTask', 'params': {'input_features': [['data_timeless', 'DEM']],"
                + " 'output_features': [['data_timeless', 'DEM_X2']], 'map_function': {'callable': 'lambda x: x * 2'}},"
                + " 'inputs': ['rename']},"
                + "{'name': 'save', 'task': 'SaveTask', 'params': {'path': '" + out + "'}, 'inputs': ['double']}]}")
                .replace('\'', '"');
    }

    private static String args(int n, int failing) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            String in = i == failing ? "missing" : "p" + i;
            b.append(i == 0 ? "" : ",").append("{\"_name\": \"e").append(i).append("\", \"load\": {\"eopatch_folder\": \"")
                    .append(in).append("\"}, \"save\": {\"eopatch_folder\": \"p").append(i).append("\"}}");
        }
        return b.append(']').toString();
    }

    @Test
    void sameOutputsFailuresAndReportAsEOExecutor() throws Exception {
        Path in = dir.resolve("in");
        EOPatch source = EOPatch.load(SharedData.testEOPatch(), LoadOptions.defaults().withFeatures(
                FeatureSpec.of(FeatureType.DATA_TIMELESS, FeatureType.MASK_TIMELESS, FeatureType.META_INFO)));
        for (int i = 0; i < 32; i++) {
            source.save(in.resolve("p" + i));
        }
        int failing = 17;
        String argsJson = args(32, failing);

        WorkflowJson.Parsed local = WorkflowJson.parse(new com.fasterxml.jackson.databind.json.JsonMapper()
                .readTree(workflow(in, dir.resolve("local"))), TaskRegistry.standard());
        WorkflowJson.Executions ex = WorkflowJson.parseArgs(new com.fasterxml.jackson.databind.json.JsonMapper()
                .readTree(argsJson), local);
        List<WorkflowResults> localResults = EOExecutor.builder(local.workflow(), ex.args())
                .executionNames(ex.names()).build().run(2);

        SparkExecutor spark = new SparkExecutor(sc, workflow(in, dir.resolve("spark")), argsJson, true,
                dir.resolve("reports"));
        List<WorkflowResults> sparkResults = spark.run();

        assertThat(sparkResults).hasSize(32);
        assertThat(spark.failedExecutions()).containsExactly(failing);
        for (int i = 0; i < 32; i++) {
            assertThat(sparkResults.get(i).workflowFailed()).isEqualTo(localResults.get(i).workflowFailed());
            if (i == failing) {
                WorkflowResults r = sparkResults.get(i);
                assertThat(r.errorStats().nodeName()).isEqualTo("load");
                assertThat(r.errorStats().exceptionInfo().summary()).startsWith("java.io.UncheckedIOException raised from ");
                assertThat(r.errorStats().exceptionInfo().origin()).isEqualTo(
                        localResults.get(i).errorStats().exceptionInfo().origin());
                continue;
            }
            assertThat(r(sparkResults, i).stats()).hasSize(4);
            EOPatch a = EOPatch.load(dir.resolve("local/p" + i));
            EOPatch b = EOPatch.load(dir.resolve("spark/p" + i));
            assertThat(b).isEqualTo(a);
            assertThat(b.contains(FeatureType.DATA_TIMELESS, "DEM_X2")).isTrue();
        }
        Path report = spark.makeReport(true);
        String html = Files.readString(report);
        assertThat(html).contains("Number of finished executions</th><td>31")
                .contains("Number of failed executions</th><td>1").contains("<b>load</b>")
                .contains("java.io.UncheckedIOException raised from").contains("e17")
                .contains("Starting execution e3");
        assertThat(spark.reportFolder().resolve("eoexecution-e0.log")).exists();
    }

    private static WorkflowResults r(List<WorkflowResults> results, int i) {
        return results.get(i);
    }

    @Test
    void badWorkflowsAreRejectedOnTheDriver() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SparkExecutor(sc,
                "{\"nodes\": [{\"name\": \"a\", \"task\": \"Nope\"}]}", "[]", false, dir))
                .hasMessageContaining("unknown task 'Nope'");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SparkExecutor(sc,
                "{\"nodes\": [{\"name\": \"a\", \"task\": \"CopyTask\"}]}", "[{\"b\": {}}]", false, dir))
                .hasMessageContaining("'b', which is not a node");
    }
}
