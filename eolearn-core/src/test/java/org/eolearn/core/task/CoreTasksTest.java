package org.eolearn.core.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.eolearn.core.DType;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureSpec;
import org.eolearn.core.FeatureType;
import org.eolearn.core.NdArrays;
import org.eolearn.core.io.LoadOptions;
import org.eolearn.core.io.SaveOptions;
import org.eolearn.core.testing.PatchGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Behaviour and errors of the core tasks, after eo-learn's {@code test_core_tasks.py}. */
class CoreTasksTest {

    @TempDir
    Path dir;

    private static EOPatch patch() {
        return PatchGenerator.everyKind(3);
    }

    private static Object run(EOTask task, Map<String, Object> args, Object... inputs) {
        return task.execute(List.of(inputs), args);
    }

    @Test
    void copyShallowAndDeep() {
        EOPatch p = patch();
        EOPatch shallow = (EOPatch) run(new CopyTask(), Map.of(), p);
        EOPatch deep = (EOPatch) run(new CopyTask(FeatureSpec.all(), true, null), Map.of(), p);
        assertThat(shallow).isEqualTo(p).isNotSameAs(p);
        assertThat(shallow.getArray(FeatureType.DATA, "DATA_FLOAT32")).isSameAs(p.getArray(FeatureType.DATA,
                "DATA_FLOAT32"));
        assertThat(deep.getArray(FeatureType.DATA, "DATA_FLOAT32")).isNotSameAs(p.getArray(FeatureType.DATA,
                "DATA_FLOAT32"));
        EOPatch some = (EOPatch) run(new CopyTask(FeatureSpec.of(FeatureType.MASK_TIMELESS), false, null), Map.of(),
                p);
        assertThat(some.timestamps()).isNull();
        assertThat(new CopyTask().describe()).containsEntry("deep", false);
    }

    @Test
    void saveAndLoadWithFolders() {
        EOPatch p = patch();
        SaveTask save = new SaveTask(dir, SaveOptions.defaults());
        assertThat(run(save, Map.of("eopatch_folder", "patch-1"), p)).isSameAs(p);
        LoadTask load = new LoadTask(dir);
        assertThat(run(load, Map.of("eopatch_folder", "patch-1"))).isEqualTo(p);
        EOPatch extra = new EOPatch(p.bbox(), p.timestamps());
        extra.put(FeatureType.META_INFO, "more", 1);
        EOPatch merged = (EOPatch) run(new LoadTask(dir, LoadOptions.defaults().withFeatures(FeatureSpec.of(
                FeatureType.DATA))), Map.of("eopatch_folder", "patch-1"), extra);
        assertThat(merged.getMetaInfo("more")).isEqualTo(1);
        assertThat(merged.contains(FeatureType.DATA)).isTrue();
        assertThatThrownBy(() -> run(save, Map.of("eopatch_folder", "../escape"), p))
                .hasMessageContaining("must be a folder inside");
        assertThatThrownBy(() -> run(load, Map.of("eopatch_folder", "missing")))
                .hasMessageContaining("cannot load the patch");
        assertThatThrownBy(() -> run(save, Map.of("folder", "x"), p)).hasMessageContaining("unknown execute "
                + "argument 'folder'");
    }

    @Test
    void savingAFeatureListedTwiceSavesItOnce() {
        EOPatch p = patch();
        Feature f = p.getFeatures().stream().filter(x -> x.type().isArray()).findFirst().orElseThrow();
        SaveTask save = new SaveTask(dir.resolve("twice"), SaveOptions.defaults().withFeatures(FeatureSpec.of(f, f)));
        run(save, Map.of(), p);
        EOPatch loaded = (EOPatch) run(new LoadTask(dir.resolve("twice")), Map.of());
        assertThat(loaded.getFeatures()).containsExactly(f); // D80: eo-learn refuses, "differ only in casing"
    }

    @Test
    void addRemoveRenameDuplicate() {
        EOPatch p = patch();
        INDArray ones = NdArrays.full(DType.FLOAT32, new long[] {6, 7, 1}, 1);
        run(new AddFeatureTask(Feature.of(FeatureType.DATA_TIMELESS, "ONES")), Map.of("data", ones), p);
        assertThat(p.getArray(FeatureType.DATA_TIMELESS, "ONES")).isSameAs(ones);
        assertThatThrownBy(() -> run(new AddFeatureTask(Feature.of(FeatureType.DATA_TIMELESS, "X")), Map.of(), p))
                .hasMessageContaining("'data'");
        run(new RemoveFeatureTask(FeatureSpec.of(FeatureType.LABEL, Feature.of(FeatureType.DATA_TIMELESS, "ONES"))),
                Map.of(), p);
        assertThat(p.contains(FeatureType.LABEL)).isFalse();
        assertThat(p.contains(FeatureType.DATA_TIMELESS, "ONES")).isFalse();
        run(new RenameFeatureTask(FeatureSpec.of(Feature.of(FeatureType.DATA, "DATA_INT8", "INT8"))), Map.of(), p);
        assertThat(p.contains(FeatureType.DATA, "INT8")).isTrue();
        assertThat(p.contains(FeatureType.DATA, "DATA_INT8")).isFalse();
        DuplicateFeatureTask dup = new DuplicateFeatureTask(FeatureSpec.of(Feature.of(FeatureType.DATA, "INT8",
                "INT8_COPY")), true);
        run(dup, Map.of(), p);
        assertThat(p.getArray(FeatureType.DATA, "INT8_COPY")).isNotSameAs(p.getArray(FeatureType.DATA, "INT8"));
        assertThat(NdArrays.nanEquals(p.getArray(FeatureType.DATA, "INT8_COPY"), p.getArray(FeatureType.DATA, "INT8")))
                .isTrue();
        assertThatThrownBy(() -> run(dup, Map.of(), p)).hasMessageContaining("already exists");
        assertThatThrownBy(() -> run(new RemoveFeatureTask(FeatureSpec.of(Feature.of(FeatureType.DATA, "NOPE"))),
                Map.of(), p)).hasMessageContaining("NOPE");
    }

    @Test
    void initializeMoveAndSubset() {
        EOPatch p = patch();
        run(new InitializeFeatureTask(FeatureSpec.of(Feature.of(FeatureType.MASK, "NEW"),
                Feature.of(FeatureType.MASK, "MASK_UINT8")), Feature.of(FeatureType.DATA, "DATA_FLOAT32"), 3,
                DType.UINT8), Map.of(), p);
        INDArray created = p.getArray(FeatureType.MASK, "NEW");
        assertThat(created.shape()).containsExactly(5, 6, 7, 2);
        assertThat(NdArrays.toDoubles(created)).containsOnly(3);
        assertThat(NdArrays.toDoubles(p.getArray(FeatureType.MASK, "MASK_UINT8"))).as("existing kept")
                .isNotEqualTo(NdArrays.toDoubles(NdArrays.full(DType.UINT8, new long[] {5, 6, 7, 1}, 3)));
        assertThatThrownBy(() -> new InitializeFeatureTask(FeatureSpec.of(FeatureType.VECTOR), new long[] {1},
                0, DType.UINT8)).hasMessageContaining("vector");
        EOPatch dst = new EOPatch(p.bbox(), p.timestamps());
        Object moved = run(new MoveFeatureTask(FeatureSpec.of(FeatureType.DATA_TIMELESS), false), Map.of(), p, dst);
        assertThat(moved).isSameAs(dst);
        assertThat(dst.names(FeatureType.DATA_TIMELESS)).isEqualTo(p.names(FeatureType.DATA_TIMELESS));

        TemporalSubsetTask subset = new TemporalSubsetTask(new int[] {0, 2});
        assertThat(((EOPatch) run(subset, Map.of(), p)).timestamps()).hasSize(2);
        assertThat(((EOPatch) run(subset, Map.of("timestamps", List.of(4)), p)).timestamps())
                .containsExactly(p.timestamps().get(4));
        assertThat(((EOPatch) run(new TemporalSubsetTask(), Map.of("timestamps", List.of(
                p.timestamps().get(1).toString())), p)).timestamps()).containsExactly(p.timestamps().get(1));
        assertThat(((EOPatch) run(new TemporalSubsetTask((LocalDateTime t) -> t.getMonthValue() > 6), Map.of(), p))
                .timestamps()).hasSize(2);
        assertThatThrownBy(() -> run(new TemporalSubsetTask(), Map.of(), p)).hasMessageContaining("needs timestamps");
    }

    @Test
    void mapZipMergeAndBands() {
        EOPatch p = patch();
        run(new MapFeatureTask(FeatureSpec.of(Feature.of(FeatureType.DATA, "DATA_FLOAT64")),
                FeatureSpec.of(Feature.of(FeatureType.DATA, "TWICE")), a -> a.mul(2)), Map.of(), p);
        assertThat(p.getArray(FeatureType.DATA, "TWICE").getDouble(0, 0, 0, 1))
                .isEqualTo(2 * p.getArray(FeatureType.DATA, "DATA_FLOAT64").getDouble(0, 0, 0, 1));
        assertThatThrownBy(() -> new MapFeatureTask(FeatureSpec.of(Feature.of(FeatureType.DATA, "A"),
                Feature.of(FeatureType.DATA, "B")), FeatureSpec.of(Feature.of(FeatureType.DATA, "C")), a -> a))
                .hasMessageContaining("as many features");
        run(new ZipFeatureTask(FeatureSpec.of(Feature.of(FeatureType.DATA, "DATA_FLOAT64"),
                Feature.of(FeatureType.DATA, "TWICE")), Feature.of(FeatureType.DATA, "SUM"),
                arrays -> arrays.get(0).add(arrays.get(1)), "a + b"), Map.of(), p);
        assertThat(p.getArray(FeatureType.DATA, "SUM").shape()).containsExactly(5, 6, 7, 2);
        run(new MergeFeatureTask(FeatureSpec.of(Feature.of(FeatureType.DATA, "DATA_INT16"),
                Feature.of(FeatureType.DATA, "DATA_INT16")), Feature.of(FeatureType.DATA, "STACKED"), -1, null),
                Map.of(), p);
        assertThat(p.getArray(FeatureType.DATA, "STACKED").shape()).containsExactly(5, 6, 7, 4);
        run(new ExtractBandsTask(Feature.of(FeatureType.DATA, "STACKED"), Feature.of(FeatureType.DATA, "B31"),
                new int[] {3, 1}), Map.of(), p);
        INDArray b31 = p.getArray(FeatureType.DATA, "B31");
        assertThat(DType.of(b31)).isEqualTo(DType.INT16);
        assertThat(b31.getDouble(1, 2, 3, 0)).isEqualTo(p.getArray(FeatureType.DATA, "STACKED").getDouble(1, 2, 3, 3));
        assertThatThrownBy(() -> run(new ExtractBandsTask(Feature.of(FeatureType.DATA, "STACKED"),
                Feature.of(FeatureType.DATA, "X"), new int[] {4}), Map.of(), p)).hasMessageContaining("out of range");
        assertThatThrownBy(() -> new ExtractBandsTask(Feature.of(FeatureType.DATA, "STACKED"),
                Feature.of(FeatureType.DATA, "X"), new int[0])).hasMessageContaining("bands");
        // negative indices count from the last band, as numpy's (and so eo-learn's); beyond -depth is refused
        run(new ExtractBandsTask(Feature.of(FeatureType.DATA, "STACKED"), Feature.of(FeatureType.DATA, "LAST"),
                new int[] {-1, -4}), Map.of(), p);
        INDArray last = p.getArray(FeatureType.DATA, "LAST");
        assertThat(last.shape()).containsExactly(5, 6, 7, 2);
        assertThat(last.getDouble(1, 2, 3, 0)).isEqualTo(p.getArray(FeatureType.DATA, "STACKED").getDouble(1, 2, 3, 3));
        assertThat(last.getDouble(1, 2, 3, 1)).isEqualTo(p.getArray(FeatureType.DATA, "STACKED").getDouble(1, 2, 3, 0));
        assertThatThrownBy(() -> run(new ExtractBandsTask(Feature.of(FeatureType.DATA, "STACKED"),
                Feature.of(FeatureType.DATA, "X"), new int[] {-5}), Map.of(), p)).hasMessageContaining("out of range");
        run(new ExplodeBandsTask(Feature.of(FeatureType.DATA, "STACKED"), Map.of(Feature.of(FeatureType.DATA, "FIRST"),
                new int[] {0}, Feature.of(FeatureType.DATA, "REST"), new int[] {1, 2, 3})), Map.of(), p);
        assertThat(p.getArray(FeatureType.DATA, "REST").shape()).containsExactly(5, 6, 7, 3);
    }

    @Test
    void createMergeInputOutput() {
        EOPatch created = (EOPatch) run(new CreateEOPatchTask(), Map.of("bbox", PatchGenerator.BBOX,
                "timestamps", List.of("2020-01-01"), "meta_info", Map.of("a", 1)));
        assertThat(created.bbox()).isEqualTo(PatchGenerator.BBOX);
        assertThat(created.getMetaInfo("a")).isEqualTo(1);
        assertThatThrownBy(() -> run(new CreateEOPatchTask(), Map.of("colour", 1))).hasMessageContaining("colour");
        assertThatThrownBy(() -> run(new MergeEOPatchesTask(), Map.of())).hasMessageContaining("at least one");
        EOPatch p = patch();
        assertThat(run(new MergeEOPatchesTask(), Map.of(), p, p.copy())).isEqualTo(p);
        assertThat(run(new InputTask(5), Map.of())).isEqualTo(5);
        assertThat(run(new InputTask(5), Map.of("value", 7))).isEqualTo(7);
        EOPatch out = (EOPatch) run(new OutputTask("o", FeatureSpec.of(FeatureType.META_INFO)), Map.of(), p);
        assertThat(out.timestamps()).isEqualTo(p.timestamps());
        assertThat(out.getFeatures()).allMatch(f -> f.type() == FeatureType.META_INFO);
        assertThat(run(new OutputTask("o"), Map.of(), "text")).isEqualTo("text");
        assertThat(new OutputTask(null).outputName()).startsWith("output-");
    }

    /** docs/differences.md D2: frames and timestamps stay together; eo-learn's mismatched results are not copied. */
    @Test
    void temporalSubsetByIndicesKeepsFramesAndTimestampsTogether() {
        EOPatch p = PatchGenerator.everyKind(3);
        List<LocalDateTime> ts = p.timestamps();
        EOPatch sub = (EOPatch) run(new TemporalSubsetTask(new int[] {3, 0, 0}), Map.of(), p);
        assertThat(sub.timestamps()).containsExactly(ts.get(3), ts.get(0), ts.get(0));
        INDArray data = sub.getArray(FeatureType.DATA, "DATA_FLOAT32");
        assertThat(data.shape()[0]).isEqualTo(3);
        assertThat(NdArrays.nanEquals(data.slice(0), p.getArray(FeatureType.DATA, "DATA_FLOAT32").slice(3))).isTrue();
        assertThatThrownBy(() -> run(new TemporalSubsetTask(new int[] {-1}), Map.of(), p))
                .hasMessageContaining("out of range");
        assertThatThrownBy(() -> run(new TemporalSubsetTask(new int[] {ts.size()}), Map.of(), p))
                .hasMessageContaining("out of range");
        // by dates, as eo-learn: unknown dates select nothing, order and repeats do not matter
        EOPatch byDates = (EOPatch) run(new TemporalSubsetTask(List.of(ts.get(2), LocalDateTime.of(2001, 1, 1, 0, 0),
                ts.get(1), ts.get(2))), Map.of(), p);
        assertThat(byDates.timestamps()).containsExactly(ts.get(1), ts.get(2));
    }

    /** docs/differences.md D5: eo-learn deletes a feature renamed to its own name; here it stays. */
    @Test
    void renamingAFeatureToItsOwnNameKeepsIt() {
        EOPatch p = PatchGenerator.everyKind(4);
        INDArray before = p.getArray(FeatureType.DATA, "DATA_FLOAT32");
        EOPatch out = (EOPatch) run(new RenameFeatureTask(FeatureSpec.of(Feature.of(FeatureType.DATA, "DATA_FLOAT32",
                "DATA_FLOAT32"))), Map.of(), p);
        assertThat(out.getArray(FeatureType.DATA, "DATA_FLOAT32")).isSameAs(before);
    }
}
