package org.eolearn.core.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;
import java.util.Map;
import org.eolearn.core.DType;
import org.eolearn.core.EOPatch;
import org.eolearn.core.FeatureType;
import org.eolearn.core.NdArrays;
import org.eolearn.core.testing.PatchGenerator;
import org.eolearn.core.workflow.CyclicDependencyException;
import org.eolearn.core.workflow.WorkflowJson;
import org.eolearn.core.workflow.WorkflowResults;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Tests building tasks and workflows from JSON, and the errors for bad configuration. */
class TaskRegistryTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final TaskRegistry registry = TaskRegistry.standard();

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void everyCoreTaskIsRegistered() {
        assertThat(registry.names()).contains("CopyTask", "SaveTask", "LoadTask", "AddFeatureTask",
                "RemoveFeatureTask", "RenameFeatureTask", "DuplicateFeatureTask", "InitializeFeatureTask",
                "MoveFeatureTask", "TemporalSubsetTask", "MapFeatureTask", "ZipFeatureTask", "MergeFeatureTask",
                "ExtractBandsTask", "ExplodeBandsTask", "CreateEOPatchTask", "MergeEOPatchesTask", "InputTask",
                "OutputTask", "DeepCopyTask");
    }

    @Test
    void badConfigurationNamesTheTaskAndParameter() {
        assertThatThrownBy(() -> registry.create("NoSuchTask", null)).hasMessageContaining("unknown task 'NoSuchTask'");
        assertThatThrownBy(() -> registry.create("RenameFeatureTask", json("{'features': [['data','A','B']], "
                + "'colour': 1}"))).hasMessageContaining("RenameFeatureTask: unknown parameter 'colour'");
        assertThatThrownBy(() -> registry.create("ExtractBandsTask", json("{'input_feature': ['data','A'], "
                + "'output_feature': ['data','B'], 'bands': 'all'}")))
                .hasMessageContaining("ExtractBandsTask: parameter 'bands' must be a list of integers");
        assertThatThrownBy(() -> registry.create("RemoveFeatureTask", json("{}")))
                .hasMessageContaining("parameter 'features' is required");
        assertThatThrownBy(() -> registry.create("CopyTask", json("{'deep': 'yes'}")))
                .hasMessageContaining("parameter 'deep' must be true or false");
        assertThatThrownBy(() -> registry.create("InitializeFeatureTask", json("{'features': ['mask','M'], "
                + "'shape': [1,2,3], 'dtype': 'complex64'}"))).hasMessageContaining("parameter 'dtype'");
        assertThatThrownBy(() -> registry.create("AddFeatureTask", json("{'feature': 'data'}")))
                .hasMessageContaining("must name exactly one feature");
        assertThatThrownBy(() -> registry.create("MapFeatureTask", json("{'input_features': ['data','A'], "
                + "'output_features': ['data','B'], 'map_function': {'callable': 'lambda x: np.sqrt(x)'}}")))
                .hasMessageContaining("only sum");
    }

    @Test
    void callablesFollowNumpyTypes() {
        INDArray u16 = NdArrays.fromDoubles(DType.UINT16, new long[] {3}, new double[] {1, 2, 40000});
        INDArray doubled = Callables.unary("lambda x: x * 2").apply(u16);
        assertThat(DType.of(doubled)).isEqualTo(DType.UINT16);
        assertThat(NdArrays.toDoubles(doubled)).containsExactly(2, 4, 14464); // wraps like numpy
        assertThat(DType.of(Callables.unary("lambda x: x * 0.5").apply(u16))).isEqualTo(DType.FLOAT64);
        assertThat(DType.of(Callables.unary("lambda x: x / 2").apply(u16))).isEqualTo(DType.FLOAT64);
        INDArray f32 = Nd4j.createFromArray(new float[] {0.1f, 0.2f, 0.3f});
        INDArray i32 = Nd4j.createFromArray(new int[] {1, 2, 3});
        INDArray u8 = NdArrays.fromDoubles(DType.UINT8, new long[] {3}, new double[] {1, 1, 0});
        assertThat(DType.of(Callables.varargs("lambda *a: sum(a)").apply(List.of(f32, u8)))).isEqualTo(DType.FLOAT32);
        assertThat(DType.of(Callables.varargs("lambda a, b: a - b").apply(List.of(f32, i32))))
                .isEqualTo(DType.FLOAT64);
        assertThat(NdArrays.toDoubles(Callables.varargs("lambda a, b: (a + b) * -1").apply(List.of(i32, i32))))
                .containsExactly(-2, -4, -6);
    }

    @Test
    void predicatesReduceAndCompare() {
        INDArray clm = NdArrays.fromDoubles(DType.UINT8, new long[] {2, 5, 1}, new double[] {1, 0, 0, 0, 0, 0, 0, 0,
            0, 0});
        assertThat(Callables.predicate("lambda frame: np.mean(frame) < 0.1").test(clm)).isFalse(); // 0.1 < 0.1
        assertThat(Callables.predicate("lambda frame: np.mean(frame) <= 0.1").test(clm)).isTrue();
        assertThat(Callables.predicate("lambda f: np.count_nonzero(f) == 1").test(clm)).isTrue();
        assertThat(Callables.predicate("lambda f: np.sum(f * 2) > 1.5").test(clm)).isTrue();
        assertThat(Callables.predicate("lambda f: np.any(f > 0)").test(clm)).isTrue();
        assertThat(Callables.predicate("lambda f: np.all(f > 0)").test(clm)).isFalse();
        INDArray withNan = Nd4j.createFromArray(new float[] {Float.NaN, 0.2f, 0.4f});
        assertThat(Callables.predicate("lambda x: np.nanmean(x) > 0.29").test(withNan)).isTrue();
        assertThat(Callables.predicate("lambda x: np.mean(x) > 0.29").test(withNan)).as("NaN compares false")
                .isFalse();
        assertThat(Callables.predicate("lambda x: np.nanmax(x) - np.nanmin(x) > 0.19").test(withNan)).isTrue();
        assertThatThrownBy(() -> Callables.predicate("lambda x: x > 0").test(withNan))
                .hasMessageContaining("ambiguous");
        assertThatThrownBy(() -> Callables.predicate("lambda x: np.median(x) > 0"))
                .hasMessageContaining("np.median");
    }

    @Test
    void workflowFromJsonRunsAndBadWorkflowsAreNamed() {
        WorkflowJson.Parsed parsed = WorkflowJson.parse(json("{'nodes': ["
                + "{'name': 'in', 'task': 'InputTask'},"
                + "{'name': 'rename', 'task': 'RenameFeatureTask', 'params': {'features': [['data', "
                + "'DATA_FLOAT32', 'X']]}, 'inputs': ['in']},"
                + "{'name': 'out', 'task': 'OutputTask', 'params': {'name': 'result'}, 'inputs': ['rename']}]}"),
                registry);
        assertThat(parsed.nodes()).containsOnlyKeys("in", "rename", "out");
        WorkflowJson.Executions ex = WorkflowJson.parseArgs(json("[{'_name': 'first', 'in': {}}]"), parsed);
        assertThat(ex.names()).containsExactly("first");
        EOPatch patch = PatchGenerator.everyKind(1);
        WorkflowResults r = parsed.workflow().execute(Map.of(parsed.nodes().get("in"), Map.of("value", patch)));
        assertThat(((EOPatch) r.outputs().get("result")).contains(FeatureType.DATA, "X")).isTrue();

        assertThatThrownBy(() -> WorkflowJson.parse(json("{'nodes': [{'name': 'a', 'task': 'InputTask', "
                + "'inputs': ['b']}, {'name': 'b', 'task': 'CopyTask', 'inputs': ['a']}]}"), registry))
                .isInstanceOf(CyclicDependencyException.class).hasMessageContaining("[a, b]");
        assertThatThrownBy(() -> WorkflowJson.parse(json("{'nodes': [{'name': 'a', 'task': 'CopyTask', "
                + "'inputs': ['ghost']}]}"), registry)).hasMessageContaining("node 'a' takes the input 'ghost'");
        assertThatThrownBy(() -> WorkflowJson.parse(json("{'nodes': [{'name': 'a', 'task': 'CopyTask', "
                + "'params': {'deep': 3}}]}"), registry)).hasMessageContaining("node 'a': CopyTask: parameter 'deep'");
        assertThatThrownBy(() -> WorkflowJson.parse(json("{'nodes': [{'name': 'a', 'task': 'Nope'}]}"), registry))
                .hasMessageContaining("node 'a': unknown task 'Nope'");
        assertThatThrownBy(() -> WorkflowJson.parseArgs(json("[{'zzz': {}}]"), parsed))
                .hasMessageContaining("'zzz', which is not a node");
    }

    @Test
    void theStandardRegistryIsImmutableAndCopiesAreNot() {
        TaskRegistry standard = TaskRegistry.standard();
        TaskSchema mine = TaskSchema.builder("mine", "MyTask", "A task of my own.").build();
        assertThatThrownBy(() -> standard.register(mine, p -> new RemoveFeatureTask(
                org.eolearn.core.FeatureSpec.of(FeatureType.DATA)))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("copy()");
        TaskRegistry copy = standard.copy();
        copy.register(mine, p -> new RemoveFeatureTask(org.eolearn.core.FeatureSpec.of(FeatureType.DATA)));
        assertThat(copy.contains("MyTask")).isTrue();
        assertThat(copy.names()).containsAll(standard.names());
        assertThat(standard.contains("MyTask")).isFalse();
        assertThat(copy.schema("RenameFeatureTask")).isEqualTo(standard.schema("RenameFeatureTask"));
    }
}
