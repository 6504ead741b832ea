package org.eolearn.core.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.eolearn.core.EOPatch;
import org.eolearn.core.FeatureSpec;
import org.eolearn.core.FeatureType;
import org.eolearn.core.task.CreateEOPatchTask;
import org.eolearn.core.task.EOTask;
import org.eolearn.core.task.InputTask;
import org.eolearn.core.task.OutputTask;
import org.eolearn.core.task.PatchTask;
import org.junit.jupiter.api.Test;

/** Tests {@link EOWorkflow}, {@link EONode} and {@link DirectedGraph} as eo-learn's workflow tests do. */
class EOWorkflowTest {

    /** Adds its number to the sum of its inputs. */
    private static EOTask plus(int k) {
        return new EOTask() {
            @Override
            public Object execute(List<Object> inputs, Map<String, Object> args) {
                int sum = k;
                for (Object o : inputs) {
                    sum += (Integer) o;
                }
                return sum;
            }

            @Override
            public String name() {
                return "Plus" + k;
            }
        };
    }

    @Test
    void executesInTopologicalOrderWithMultiEdges() {
        EONode in = new EONode(new InputTask(), List.of(), "input");
        EONode a = EONode.of(plus(1), in);
        EONode b = EONode.of(plus(10), in, in);      // the same input twice: two positional inputs
        EONode c = EONode.of(plus(100), a, b);
        EONode out = EONode.of(new OutputTask("result"), c);
        EOWorkflow workflow = new EOWorkflow(List.of(out, c, b, a, in));
        assertThat(workflow.nodes()).containsExactly(in, b, a, c, out); // Kahn order, deterministic
        WorkflowResults r = workflow.execute(Map.of(in, Map.of("value", 5)));
        // a = 6, b = 20, c = 126
        assertThat(r.outputs()).containsExactly(Map.entry("result", 126));
        assertThat(r.stats()).hasSize(5);
        assertThat(r.workflowFailed()).isFalse();
        assertThat(EOWorkflow.fromEndNodes(out).nodes()).containsExactlyInAnyOrder(in, a, b, c, out);
        assertThat(workflow.dot()).contains("\"input\" -> \"Plus10\";\n  \"input\" -> \"Plus10\";");
    }

    @Test
    void linearChainAndEveryPatchHandedOverAsShallowCopy() {
        AtomicReference<EOPatch> seen = new AtomicReference<>();
        PatchTask add = p -> p.put(FeatureType.META_INFO, "x", 1);
        PatchTask check = p -> {
            seen.set(p);
            return p;
        };
        List<EONode> nodes = EONode.linearlyConnect(new CreateEOPatchTask(), add, check, new OutputTask("out"));
        EOWorkflow workflow = new EOWorkflow(nodes);
        WorkflowResults r = workflow.execute(Map.of(nodes.get(0), Map.of("timestamps", List.of("2020-01-01"))));
        EOPatch result = (EOPatch) r.outputs().get("out");
        assertThat(result.getMetaInfo("x")).isEqualTo(1);
        assertThat(result.timestamps()).hasSize(1);
        assertThat(result).isNotSameAs(seen.get());
    }

    @Test
    void rejectsDuplicateAndMissingNodesAndForeignArguments() {
        EONode a = EONode.of(plus(1));
        EONode b = EONode.of(plus(2), a);
        assertThatThrownBy(() -> new EOWorkflow(List.of(a, a))).hasMessageContaining("more than once");
        assertThatThrownBy(() -> new EOWorkflow(List.of(b))).hasMessageContaining("not in the workflow");
        EOWorkflow w = new EOWorkflow(List.of(a, b));
        assertThatThrownBy(() -> w.execute(Map.of(EONode.of(plus(3)), Map.of())))
                .hasMessageContaining("not a node of this workflow");
    }

    @Test
    void cyclesAreNamed() {
        DirectedGraph<String> g = new DirectedGraph<>();
        g.addEdge("a", "b");
        g.addEdge("b", "c");
        g.addEdge("c", "b");
        g.addEdge("a", "d");
        assertThatThrownBy(g::topologicalOrder).isInstanceOf(CyclicDependencyException.class)
                .hasMessageContaining("[b, c]");
        g.removeEdge("c", "b");
        assertThat(g.topologicalOrder()).containsExactly("a", "b", "d", "c");
        g.addEdge("a", "b");
        assertThat(g.outdegree("a")).isEqualTo(3);
        assertThat(g.indegree("b")).isEqualTo(2);
        g.removeVertex("b");
        assertThat(g.vertices()).containsExactly("a", "c", "d");
    }

    @Test
    void intermediateResultsAreFreedAsSoonAsNoNodeNeedsThem() {
        List<WeakReference<Object>> produced = new ArrayList<>();
        List<Boolean> firstFreedWhenLastRuns = new ArrayList<>();
        EOTask produce = (inputs, args) -> {
            Object big = new byte[8 << 20];
            produced.add(new WeakReference<>(big));
            return big;
        };
        EOTask consume = (inputs, args) -> "consumed " + ((byte[]) inputs.get(0)).length;
        EOTask last = (inputs, args) -> {
            for (int i = 0; i < 10 && produced.get(0).get() != null; i++) {
                System.gc();
            }
            firstFreedWhenLastRuns.add(produced.get(0).get() == null);
            return inputs.get(0);
        };
        List<EONode> nodes = EONode.linearlyConnect(produce, consume, last);
        WorkflowResults r = new EOWorkflow(nodes).execute(Map.of());
        assertThat(firstFreedWhenLastRuns).containsExactly(true);
        assertThat(r.outputs()).isEmpty();
    }

    @Test
    void droppedArraysAreFreedUnlessStillReferenced() {
        org.nd4j.linalg.api.ndarray.INDArray given = org.eolearn.core.NdArrays.zeros(org.eolearn.core.DType.FLOAT32,
                2, 2, 1);
        org.nd4j.linalg.api.ndarray.INDArray[] made = new org.nd4j.linalg.api.ndarray.INDArray[2];
        EONode in = new EONode(new InputTask(), List.of(), "in");
        EONode add = EONode.of((PatchTask) p -> {
            made[0] = org.eolearn.core.NdArrays.zeros(org.eolearn.core.DType.FLOAT32, 2, 2, 1);
            return p.put(FeatureType.DATA_TIMELESS, "TEMP", made[0]);
        }, in);
        EONode keep = EONode.of((PatchTask) p -> {
            made[1] = org.eolearn.core.NdArrays.zeros(org.eolearn.core.DType.FLOAT32, 2, 2, 1);
            EOPatch fresh = new EOPatch();
            fresh.put(FeatureType.DATA_TIMELESS, "KEPT", made[1]);
            return fresh;
        }, add);
        EONode out = EONode.of(new OutputTask("out"), keep);
        EOPatch input = new EOPatch();
        input.put(FeatureType.DATA_TIMELESS, "GIVEN", given);
        WorkflowResults r = new EOWorkflow(List.of(in, add, keep, out)).execute(Map.of(in, Map.of("value", input)));
        assertThat(made[0].wasClosed()).as("dropped intermediate array").isTrue();
        assertThat(made[1].wasClosed()).as("array of an output").isFalse();
        assertThat(given.wasClosed()).as("array of an execution argument").isFalse();
        assertThat(((EOPatch) r.outputs().get("out")).getArray(FeatureType.DATA_TIMELESS, "KEPT").sumNumber()
                .doubleValue()).isZero();
        EONode in2 = new EONode(new InputTask(), List.of(), "in");
        EONode add2 = EONode.of(add.task(), in2);
        new EOWorkflow(List.of(in2, add2), false).execute(Map.of(in2, Map.of("value", new EOPatch())));
        assertThat(made[0].wasClosed()).as("left to the garbage collector").isFalse();
    }

    @Test
    void memoryAnotherResultStillUsesIsNotReleased() {
        // a large (pooled) array dropped with its patch, while a reshape of it, sharing its memory, lives on
        org.nd4j.linalg.api.ndarray.INDArray[] made = new org.nd4j.linalg.api.ndarray.INDArray[2];
        EONode make = EONode.of((PatchTask) p -> {
            made[0] = org.eolearn.core.NdArrays.zeros(org.eolearn.core.DType.FLOAT64, 4, 64, 64, 13);
            made[0].assign(2.0);
            return p.put(FeatureType.DATA, "BIG", made[0]);
        }, new EONode(new CreateEOPatchTask(), List.of(), "create"));
        EONode reshape = EONode.of((PatchTask) p -> {
            made[1] = made[0].reshape(4, 64, 64 * 13);
            EOPatch fresh = new EOPatch();
            fresh.put(FeatureType.DATA_TIMELESS, "RESHAPED", made[1]);
            return fresh;
        }, make);
        EONode out = EONode.of(new OutputTask("out"), reshape);
        List<EONode> nodes = new ArrayList<>(List.of(make.inputs().get(0), make, reshape, out));
        WorkflowResults r = new EOWorkflow(nodes).execute(Map.of());
        assertThat(made[0].wasClosed()).as("its memory is still used by the output").isFalse();
        // a later large array must not be handed the same memory
        org.nd4j.linalg.api.ndarray.INDArray other = org.eolearn.core.NdArrays.zeros(org.eolearn.core.DType.FLOAT64,
                4, 64, 64, 13);
        other.assign(-1.0);
        assertThat(((EOPatch) r.outputs().get("out")).getArray(FeatureType.DATA_TIMELESS, "RESHAPED").sumNumber()
                .doubleValue()).isEqualTo(2.0 * 4 * 64 * 64 * 13);
    }

    @Test
    void failuresAreRecordedOrThrown() {
        EONode a = EONode.of(plus(1));
        EONode b = new EONode((inputs, args) -> {
            throw new IllegalStateException("boom");
        }, List.of(a), "Failing");
        EONode c = EONode.of(plus(3), b);
        EOWorkflow w = new EOWorkflow(List.of(a, b, c));
        WorkflowResults r = w.execute(Map.of(), false);
        assertThat(r.workflowFailed()).isTrue();
        assertThat(r.errorNodeUid()).isEqualTo(b.uid());
        assertThat(r.stats()).hasSize(2).containsKeys(a.uid(), b.uid());
        ExceptionInfo info = r.errorStats().exceptionInfo();
        assertThat(info.exception()).hasMessage("boom");
        assertThat(info.origin()).contains("EOWorkflowTest").contains(".java:");
        assertThat(info.traceback()).startsWith("java.lang.IllegalStateException: boom");
        assertThat(info.summary()).startsWith("java.lang.IllegalStateException raised from ");
        assertThatThrownBy(() -> w.execute(Map.of(), true)).isInstanceOf(IllegalStateException.class)
                .hasMessage("boom");
    }

    @Test
    void outputTaskKeepsChosenFeaturesWithTimestamps() {
        EONode create = EONode.of(new CreateEOPatchTask());
        EONode out = EONode.of(new OutputTask("meta", FeatureSpec.of(FeatureType.META_INFO)), create);
        WorkflowResults r = new EOWorkflow(List.of(create, out)).execute(Map.of(create, Map.of(
                "timestamps", List.of("2020-01-01T10:00:00"), "meta_info", Map.of("a", 1, "b", 2))));
        EOPatch p = (EOPatch) r.outputs().get("meta");
        assertThat(p.names(FeatureType.META_INFO)).containsExactlyInAnyOrder("a", "b");
        assertThat(p.timestamps()).hasSize(1);
        assertThat(r.dropOutputs().outputs()).isEmpty();
    }

    @Test
    void svgDrawsEveryNodeAndEdge() {
        EONode a = new EONode(plus(1), List.of(), "A & <first>");
        EONode b = EONode.of(plus(2), a, a);
        EONode c = EONode.of(plus(2), a);
        String svg = new EOWorkflow(List.of(a, b, c)).svg();
        assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"");
        assertThat(svg).contains("A &amp; &lt;first&gt;").contains("Plus2_1").contains("Plus2_2").contains("&#215;2");
        assertThat(svg.split("marker-end=", -1)).hasSize(3);
    }
}
