package org.eolearn.core.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.eolearn.core.DType;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureSpec;
import org.eolearn.core.FeatureType;
import org.eolearn.core.MergeOperation;
import org.eolearn.core.NdArrays;
import org.eolearn.core.testing.PatchGenerator;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The core tasks' builders: {@code builder(required).build()} behaves as the registry's task made from JSON with
 * only the required parameters (eo-learn's defaults agree), a non-default setting has its effect, and a bad argument
 * names its parameter.
 */
class CoreTaskBuildersTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TaskRegistry REGISTRY = TaskRegistry.standard();
    private static final Feature A = Feature.of(FeatureType.DATA, "A");
    private static final Feature B = Feature.of(FeatureType.DATA, "B");
    private static final Feature M = Feature.of(FeatureType.MASK_TIMELESS, "M");

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static EOTask fromJson(String name, String params) {
        return REGISTRY.create(name, json(params));
    }

    /** A small patch: 3 frames of 2 x 2 pixels, two float32 DATA features and a uint8 timeless mask. */
    private static EOPatch small() {
        List<LocalDateTime> ts = List.of(LocalDateTime.of(2020, 1, 1, 0, 0), LocalDateTime.of(2020, 2, 1, 0, 0),
                LocalDateTime.of(2020, 3, 1, 0, 0));
        EOPatch p = new EOPatch(PatchGenerator.BBOX, ts);
        double[] a = new double[12];
        double[] b = new double[12];
        for (int i = 0; i < a.length; i++) {
            a[i] = i * 0.5;
            b[i] = 10 - i;
        }
        p.put(A, NdArrays.fromDoubles(DType.FLOAT32, new long[] {3, 2, 2, 1}, a));
        p.put(B, NdArrays.fromDoubles(DType.FLOAT32, new long[] {3, 2, 2, 1}, b));
        p.put(M, NdArrays.fromDoubles(DType.UINT8, new long[] {2, 2, 1}, new double[] {0, 1, 2, 1}));
        return p;
    }

    /** An empty patch with the small patch's bbox and timestamps. */
    private static EOPatch target() {
        return new EOPatch(PatchGenerator.BBOX, small().timestamps());
    }

    private static Object run(EOTask task, Object... inputs) {
        return task.execute(List.of(inputs), Map.of());
    }

    @Test
    void copyTask() {
        EOPatch p = small();
        EOPatch viaBuilder = (EOPatch) run(CopyTask.builder().build(), p);
        EOPatch viaJson = (EOPatch) run(fromJson("CopyTask", "{}"), p);
        assertThat(viaBuilder).isEqualTo(viaJson).isEqualTo(p).isNotSameAs(p);
        assertThat(viaBuilder.getArray(A.type(), A.name())).isSameAs(p.getArray(A.type(), A.name()));
        assertThat(CopyTask.builder().build().describe()).isEqualTo(fromJson("CopyTask", "{}").describe());

        EOPatch deep = (EOPatch) run(CopyTask.builder().deep(true).build(), p);
        assertThat(deep).isEqualTo(p);
        assertThat(deep.getArray(A.type(), A.name())).isNotSameAs(p.getArray(A.type(), A.name()));
        FeatureSpec timeless = FeatureSpec.of(M);
        assertThat(((EOPatch) run(CopyTask.builder().features(timeless).build(), p)).timestamps()).isNull();
        assertThat(((EOPatch) run(CopyTask.builder().features(timeless).copyTimestamps(true).build(), p))
                .timestamps()).isEqualTo(p.timestamps());
        assertThat(((EOPatch) run(CopyTask.builder().copyTimestamps(false).copyTimestampsAuto().build(), p))
                .timestamps()).isEqualTo(p.timestamps());

        assertThatThrownBy(() -> CopyTask.builder().features(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("features");
    }

    @Test
    void initializeFeatureTask() {
        FeatureSpec created = FeatureSpec.of(Feature.of(FeatureType.MASK, "NEW"));
        EOPatch viaBuilder = InitializeFeatureTask.builder(created, 3, 2, 2, 1).build().execute(small());
        EOPatch viaJson = (EOPatch) run(fromJson("InitializeFeatureTask",
                "{'features': [['mask', 'NEW']], 'shape': [3, 2, 2, 1]}"), small());
        assertThat(viaBuilder).isEqualTo(viaJson);
        assertThat(new InitializeFeatureTask(created, new long[] {3, 2, 2, 1}).execute(small())).isEqualTo(viaJson);
        INDArray made = viaBuilder.getArray(FeatureType.MASK, "NEW");
        assertThat(DType.of(made)).isEqualTo(DType.UINT8);
        assertThat(NdArrays.toDoubles(made)).containsOnly(0);
        // the shape taken from a feature
        EOPatch shaped = InitializeFeatureTask.builder(created, A).build().execute(small());
        assertThat(shaped).isEqualTo(run(fromJson("InitializeFeatureTask",
                "{'features': [['mask', 'NEW']], 'shape': ['data', 'A']}"), small()))
                .isEqualTo(new InitializeFeatureTask(created, A).execute(small()));

        INDArray sevens = InitializeFeatureTask.builder(FeatureSpec.of(Feature.of(FeatureType.MASK_TIMELESS, "NEW")),
                2, 2, 1).initValue(7).dtype(DType.INT16).build().execute(small())
                .getArray(FeatureType.MASK_TIMELESS, "NEW");
        assertThat(DType.of(sevens)).isEqualTo(DType.INT16);
        assertThat(sevens.shape()).containsExactly(2, 2, 1);
        assertThat(NdArrays.toDoubles(sevens)).containsOnly(7);

        assertThatThrownBy(() -> InitializeFeatureTask.builder(created, 3, 2, 2, 1).dtype(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("dtype");
        assertThatThrownBy(() -> InitializeFeatureTask.builder(created, (long[]) null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("shape");
        assertThatThrownBy(() -> InitializeFeatureTask.builder(created, 3, -2, 2).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shape");
        assertThatThrownBy(() -> InitializeFeatureTask.builder(created, 3, 2, 2, 1).initValue(Double.NaN).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("init_value");
    }

    @Test
    void mapFeatureTask() {
        String source = "lambda x: x * 2";
        FeatureSpec in = FeatureSpec.of(A);
        FeatureSpec out = FeatureSpec.of(Feature.of(FeatureType.DATA, "A2"));
        EOTask viaJson = fromJson("MapFeatureTask", "{'input_features': [['data', 'A']], "
                + "'output_features': [['data', 'A2']], 'map_function': {'callable': '" + source + "'}}");
        EOPatch viaBuilder = MapFeatureTask.builder(in, out, Callables.unary(source)).build().execute(small());
        assertThat(viaBuilder).isEqualTo(run(viaJson, small()));
        assertThat(NdArrays.toDoubles(viaBuilder.getArray(FeatureType.DATA, "A2"))[3]).isEqualTo(3.0);

        MapFeatureTask named = MapFeatureTask.builder(in, out, Callables.unary(source)).functionName(source).build();
        assertThat(named.describe()).isEqualTo(viaJson.describe()).containsEntry("map_function", source);

        assertThatThrownBy(() -> MapFeatureTask.builder(in, out, null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("map_function");
        assertThatThrownBy(() -> MapFeatureTask.builder(in, out, x -> x).functionName(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("functionName");
        assertThatThrownBy(() -> MapFeatureTask.builder(FeatureSpec.of(A, B), out, x -> x).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("input_features");
    }

    @Test
    void zipFeatureTask() {
        String source = "lambda a, b: a + b";
        FeatureSpec in = FeatureSpec.of(A, B);
        Feature out = Feature.of(FeatureType.DATA, "SUM");
        EOTask viaJson = fromJson("ZipFeatureTask", "{'input_features': [['data', 'A'], ['data', 'B']], "
                + "'output_feature': ['data', 'SUM'], 'zip_function': {'callable': '" + source + "'}}");
        EOPatch viaBuilder = ZipFeatureTask.builder(in, out, Callables.varargs(source)).build().execute(small());
        assertThat(viaBuilder).isEqualTo(run(viaJson, small()))
                .isEqualTo(new ZipFeatureTask(in, out, Callables.varargs(source)).execute(small()));
        assertThat(NdArrays.toDoubles(viaBuilder.getArray(FeatureType.DATA, "SUM"))[4]).isEqualTo(8.0);

        ZipFeatureTask named = ZipFeatureTask.builder(in, out, Callables.varargs(source)).functionName(source).build();
        assertThat(named.describe()).isEqualTo(viaJson.describe()).containsEntry("zip_function", source);

        assertThatThrownBy(() -> ZipFeatureTask.builder(in, null, Callables.varargs(source)))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("output_feature");
        assertThatThrownBy(() -> ZipFeatureTask.builder(in, out, null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("zip_function");
        assertThatThrownBy(() -> ZipFeatureTask.builder(in, out, Callables.varargs(source)).functionName(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("functionName");
    }

    @Test
    void mergeFeatureTask() {
        FeatureSpec in = FeatureSpec.of(A, B);
        Feature out = Feature.of(FeatureType.DATA, "AB");
        EOPatch viaBuilder = MergeFeatureTask.builder(in, out).build().execute(small());
        EOPatch viaJson = (EOPatch) run(fromJson("MergeFeatureTask", "{'input_features': [['data', 'A'], "
                + "['data', 'B']], 'output_feature': ['data', 'AB']}"), small());
        assertThat(viaBuilder).isEqualTo(viaJson).isEqualTo(new MergeFeatureTask(in, out).execute(small()));
        INDArray bands = viaBuilder.getArray(FeatureType.DATA, "AB");
        assertThat(bands.shape()).containsExactly(3, 2, 2, 2);
        assertThat(DType.of(bands)).isEqualTo(DType.FLOAT32);

        INDArray frames = MergeFeatureTask.builder(in, out).axis(0).dtype(DType.FLOAT64).build().execute(small())
                .getArray(FeatureType.DATA, "AB");
        assertThat(frames.shape()).containsExactly(6, 2, 2, 1);
        assertThat(DType.of(frames)).isEqualTo(DType.FLOAT64);

        assertThatThrownBy(() -> MergeFeatureTask.builder(in, out).dtype(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("dtype");
        assertThatThrownBy(() -> MergeFeatureTask.builder(null, out)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("input_features");
    }

    @Test
    void mergeEOPatchesTask() {
        EOPatch viaBuilder = (EOPatch) run(MergeEOPatchesTask.builder().build(), small(), small());
        EOPatch viaJson = (EOPatch) run(fromJson("MergeEOPatchesTask", "{}"), small(), small());
        assertThat(viaBuilder).isEqualTo(viaJson).isEqualTo(small());
        assertThat(run(new MergeEOPatchesTask(), small(), small())).isEqualTo(viaBuilder);

        EOPatch joined = (EOPatch) run(MergeEOPatchesTask.builder().features(FeatureSpec.of(M))
                .timelessOp(MergeOperation.concatenate()).build(), small(), small());
        assertThat(joined.getArray(M.type(), M.name()).shape()).containsExactly(2, 2, 2);
        assertThat(joined.contains(A)).isFalse();
        EOPatch stacked = (EOPatch) run(MergeEOPatchesTask.builder().timeDependentOp(MergeOperation.concatenate())
                .build(), small(), small());
        assertThat(stacked.getArray(A.type(), A.name()).shape()).containsExactly(6, 2, 2, 1);

        assertThatThrownBy(() -> MergeEOPatchesTask.builder().timelessOp(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("timeless_op");
        assertThatThrownBy(() -> MergeEOPatchesTask.builder().timeDependentOp(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("time_dependent_op");
    }

    @Test
    void duplicateFeatureTask() {
        FeatureSpec renamed = FeatureSpec.of(Feature.of(FeatureType.DATA, "A", "A2"));
        EOPatch viaBuilder = DuplicateFeatureTask.builder(renamed).build().execute(small());
        EOPatch viaJson = (EOPatch) run(fromJson("DuplicateFeatureTask", "{'features': [['data', 'A', 'A2']]}"),
                small());
        assertThat(viaBuilder).isEqualTo(viaJson).isEqualTo(new DuplicateFeatureTask(renamed).execute(small()));
        assertThat(viaBuilder.getArray(FeatureType.DATA, "A2")).isSameAs(viaBuilder.getArray(A.type(), A.name()));

        EOPatch deep = DuplicateFeatureTask.builder(renamed).deepCopy(true).build().execute(small());
        assertThat(deep.getArray(FeatureType.DATA, "A2")).isNotSameAs(deep.getArray(A.type(), A.name()))
                .isEqualTo(deep.getArray(A.type(), A.name()));

        assertThatThrownBy(() -> DuplicateFeatureTask.builder(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("features");
    }

    @Test
    void moveFeatureTask() {
        FeatureSpec moved = FeatureSpec.of(A);
        EOPatch source = small();
        EOPatch viaBuilder = (EOPatch) run(MoveFeatureTask.builder(moved).build(), source, target());
        EOPatch viaJson = (EOPatch) run(fromJson("MoveFeatureTask", "{'features': [['data', 'A']]}"), source,
                target());
        assertThat(viaBuilder).isEqualTo(viaJson)
                .isEqualTo(run(new MoveFeatureTask(moved), source, target()));
        assertThat(viaBuilder.getArray(A.type(), A.name())).isSameAs(source.getArray(A.type(), A.name()));

        EOPatch deep = (EOPatch) run(MoveFeatureTask.builder(moved).deepCopy(true).build(), source, target());
        assertThat(deep.getArray(A.type(), A.name())).isNotSameAs(source.getArray(A.type(), A.name()))
                .isEqualTo(source.getArray(A.type(), A.name()));

        assertThatThrownBy(() -> MoveFeatureTask.builder(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("features");
    }

    @Test
    void outputTask() {
        OutputTask viaBuilder = OutputTask.builder().build();
        EOTask viaJson = fromJson("OutputTask", "{}");
        assertThat(run(viaBuilder, small())).isEqualTo(run(viaJson, small())).isEqualTo(small());
        assertThat(viaBuilder.outputName()).startsWith("output-");
        assertThat(((OutputTask) viaJson).outputName()).startsWith("output-");
        assertThat(new OutputTask().outputName()).startsWith("output-");

        OutputTask named = OutputTask.builder().name("result").features(FeatureSpec.of(M)).build();
        assertThat(named.outputName()).isEqualTo("result");
        EOPatch kept = (EOPatch) run(named, small());
        assertThat(kept.contains(M)).isTrue();
        assertThat(kept.contains(A)).isFalse();

        assertThatThrownBy(() -> OutputTask.builder().name(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("name");
        assertThatThrownBy(() -> OutputTask.builder().features(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("features");
    }
}
