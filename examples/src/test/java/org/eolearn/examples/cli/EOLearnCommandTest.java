package org.eolearn.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eolearn.core.EOPatch;
import org.eolearn.core.FeatureType;
import org.eolearn.core.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the {@code eolearn} command line in-process. */
class EOLearnCommandTest {

    @TempDir
    Path dir;

    private String run(int expectedExit, String... args) {
        PrintStream oldOut = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertThat(EOLearnCommand.run(args)).isEqualTo(expectedExit);
        } finally {
            System.setOut(oldOut);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void infoPrintsTheRepr() throws Exception {
        Path patch = SharedData.testEOPatch();
        String out = run(0, "info", patch.toString());
        assertThat(out.trim()).isEqualTo(EOPatch.load(patch).toString());
        assertThat(out).contains("LULC: numpy.ndarray(shape=(101, 100, 1), dtype=uint16)");
    }

    @Test
    void copyWithAndWithoutCompressionAndASubset() throws Exception {
        Path patch = SharedData.testEOPatch();
        run(0, "copy", patch.toString(), dir.resolve("gz").toString());
        assertThat(dir.resolve("gz/data/NDVI.npy.gz")).exists();
        assertThat(EOPatch.load(dir.resolve("gz"))).isEqualTo(EOPatch.load(patch));
        run(0, "copy", "--no-compress", "--features", "data/NDVI/NDVI_COPY,mask_timeless", patch.toString(),
                dir.resolve("plain").toString());
        EOPatch copy = EOPatch.load(dir.resolve("plain"));
        assertThat(dir.resolve("plain/data/NDVI_COPY.npy")).exists();
        assertThat(copy.names(FeatureType.MASK_TIMELESS)).hasSize(3);
        assertThat(copy.timestamps()).hasSize(68);
        assertThat(copy.getFeatures()).hasSize(4);
    }

    @Test
    void badArgumentsGiveAnErrorAndAnExitCode() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertThat(EOLearnCommand.run("info", dir.resolve("missing").toString())).isEqualTo(1);
            assertThat(EOLearnCommand.run("copy", "--overwrite", "SOMETIMES", SharedData.testEOPatch().toString(),
                    dir.resolve("x").toString())).isEqualTo(1);
        } finally {
            System.setErr(oldErr);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("missing").contains("SOMETIMES");
        assertThat(Files.exists(dir.resolve("x"))).isFalse();
    }

    @Test
    void benchIoPrintsItsFigures() {
        String out = run(0, "bench", "io", "--shared", SharedData.root().toString(), "--repeat", "1", "--warmup", "0",
                "--work-dir", dir.resolve("bench").toString());
        assertThat(out).contains("48.8 MiB of arrays").containsPattern("save \\.npy\\.gz +\\d+\\.\\d+ +0\\.380");
    }

    @Test
    void benchWorkflowRunsTheSharedBenchmarkWorkflow() throws Exception {
        Path work = dir.resolve("wf");
        String out = run(0, "bench", "workflow", "--shared", SharedData.root().toString(), "--copies", "2",
                "--workers", "2", "--work-dir", work.toString());
        assertThat(out).contains("bench/workflow.json; 2 patches, 2 workers, 0 failed").contains("mean seconds per node:")
                .containsPattern("interp_bands +\\d+\\.\\d{4}").containsPattern("peak RSS MiB: \\d+");
        EOPatch input = EOPatch.load(work.resolve("input/patch_001"));
        assertThat(input.getArray(FeatureType.DATA, "BANDS_REF_TILED").shape()).containsExactly(68, 101, 100, 13);
        assertThat(input.getFeatures()).noneMatch(f -> f.name().startsWith("BANDS-S2-L1C"));
        EOPatch result = EOPatch.load(work.resolve("output/patch_001"));
        assertThat(result.getFeatures()).extracting(f -> f.name()).containsExactlyInAnyOrder("NDVI_REF",
                "NDVI_REF_INTERP", "BANDS_INTERP", "LULC_ERODED");
        assertThat(result.getArray(FeatureType.DATA, "BANDS_INTERP").dataType())
                .isEqualTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE);
    }

    @Test
    void readmeExampleRuns() throws Exception {
        Path out = dir.resolve("summer");
        PrintStream oldOut = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            org.eolearn.examples.QuickStart.main(new String[] {SharedData.testEOPatch().toString(), out.toString()});
        } finally {
            System.setOut(oldOut);
        }
        EOPatch summer = EOPatch.load(out);
        assertThat(summer.getMetaInfo("season")).isEqualTo("summer");
        assertThat(summer.getArray(FeatureType.DATA_TIMELESS, "MEAN_NDVI").shape()).containsExactly(101, 100, 1);
        assertThat(summer.timestamps()).allMatch(t -> t.getMonthValue() >= 6 && t.getMonthValue() <= 8);
        assertThat(buf.toString(StandardCharsets.UTF_8)).contains("merged: 68 frames");
    }

    @Test
    void taskRunsAParityCaseFromItsCaseJson() throws Exception {
        Path caseDir = SharedData.parityCase("core_rename_feature");
        com.fasterxml.jackson.databind.JsonNode spec = com.fasterxml.jackson.databind.json.JsonMapper.builder().build()
                .readTree(caseDir.resolve("case.json").toFile());
        Path params = dir.resolve("params.json");
        Files.writeString(params, spec.get("params").toString());
        String out = run(0, "task", "RenameFeatureTask", "--params", params.toString(),
                caseDir.resolve("input").toString(), dir.resolve("renamed").toString());
        assertThat(out).contains("RenameFeatureTask: saved");
        EOPatch renamed = EOPatch.load(dir.resolve("renamed"));
        assertThat(renamed.contains(FeatureType.DATA, "NDVI_RENAMED")).isTrue();
        assertThat(renamed.contains(FeatureType.DATA, "NDVI")).isFalse();
        assertThat(run(0, "task", "--list")).contains("ZipFeatureTask").contains("MergeEOPatchesTask");
    }

    @Test
    void runExecutesAWorkflowWithAReport() throws Exception {
        Path patches = dir.resolve("patches");
        EOPatch source = EOPatch.load(SharedData.testEOPatch(), org.eolearn.core.io.LoadOptions.defaults()
                .withFeatures(org.eolearn.core.FeatureSpec.of(FeatureType.MASK_TIMELESS, FeatureType.META_INFO)));
        for (int i = 0; i < 3; i++) {
            source.save(patches.resolve("p" + i));
        }
        Path workflow = dir.resolve("workflow.json");
        Files.writeString(workflow, ("{'nodes': ["
                + "{'name': 'load', 'task': 'LoadTask', 'params': {'path': '" + patches + "'}},"
                + "{'name': 'rename', 'task': 'RenameFeatureTask', 'params': {'features': "
                + "[['mask_timeless', 'LULC', 'LAND_COVER']]}, 'inputs': ['load']},"
                + "{'name': 'save', 'task': 'SaveTask', 'params': {'path': '" + dir.resolve("out") + "'}, "
                + "'inputs': ['rename']}]}").replace('\'', '"'));
        Path args = dir.resolve("args.json");
        Files.writeString(args, ("[{'_name': 'first', 'load': {'eopatch_folder': 'p0'}, 'save': {'eopatch_folder': 'p0'}},"
                + "{'load': {'eopatch_folder': 'missing'}, 'save': {'eopatch_folder': 'p1'}},"
                + "{'load': {'eopatch_folder': 'p2'}, 'save': {'eopatch_folder': 'p2'}}]").replace('\'', '"'));
        String out = run(3, "run", workflow.toString(), "--args", args.toString(), "--workers", "2", "--report",
                dir.resolve("reports").toString());
        assertThat(out).contains("3 executions: 2 succeeded, 1 failed").contains("2: load failed")
                .contains("report: ");
        assertThat(EOPatch.load(dir.resolve("out/p2")).contains(FeatureType.MASK_TIMELESS, "LAND_COVER")).isTrue();
        Path report = Path.of(out.substring(out.indexOf("report: ") + 8).trim());
        assertThat(Files.readString(report)).contains("Number of failed executions</th><td>1")
                .contains("cannot load the patch");
        assertThat(report.resolveSibling("eoexecution-first.log")).exists();

        Path sparkWorkflow = Files.writeString(dir.resolve("spark-workflow.json"), Files.readString(workflow)
                .replace(dir.resolve("out").toString(), dir.resolve("out-spark").toString()));
        String onSpark = run(3, "run", sparkWorkflow.toString(), "--args", args.toString(), "--spark", "local[2]",
                "--report", dir.resolve("spark-reports").toString());
        assertThat(onSpark).contains("3 executions on Spark (local[2]): 2 succeeded, 1 failed")
                .contains("2: load failed");
        Path sparkReport = Path.of(onSpark.substring(onSpark.indexOf("report: ") + 8).trim());
        assertThat(Files.readString(sparkReport)).contains("Number of failed executions</th><td>1");
        assertThat(EOPatch.load(dir.resolve("out-spark/p2"))).isEqualTo(EOPatch.load(dir.resolve("out/p2")));
    }

    @Test
    void waterMonitorDemoRunsThroughTheCommandLine() throws Exception {
        String out = run(0, "water-monitor", "--demo", "--resolution", "60", "--from", "2019-01-01", "--to",
                "2019-07-01", "--out", dir.resolve("wm").toString());
        assertThat(out).contains("SYNTHETIC DEMO DATA", "demo-reservoir", "ok", "MAE", "index.html");
        assertThat(dir.resolve("wm/index.html")).exists();
        assertThat(dir.resolve("wm/demo-reservoir/water_level.csv")).exists();
        assertThat(dir.resolve("wm/demo-reservoir/water_level.png")).exists();
        // a bad outline is an error that names it, before anything is downloaded
        assertThat(EOLearnCommand.run("water-monitor", "--demo", "--outline", "POLYGON ((0 0, 1 1))", "--out",
                dir.resolve("wm2").toString())).isEqualTo(1);
    }
}
