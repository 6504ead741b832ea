package org.eolearn.core.workflow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Collection;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.eolearn.core.EOPatch;
import org.eolearn.core.task.OutputTask;
import org.eolearn.core.compute.ArrayPool;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An acyclic graph of task nodes run in topological order, eo-learn's {@code EOWorkflow}.
 *
 * <p>Execution semantics, as in eo-learn: each node's task gets the results of its input nodes as positional
 * inputs (an {@link EOPatch} is handed over as a shallow copy with its timestamps, so tasks may change it freely)
 * and its execute-time arguments from the map given to {@link #execute}. A result is dropped as soon as no later
 * node needs it, so memory stays bounded by the widest part of the graph; results of {@link OutputTask}s are
 * kept in {@link WorkflowResults#outputs()}. With {@code raiseErrors} false, a failing task ends the execution
 * and is recorded (node, exception, origin) in the results instead of being thrown.
 *
 * <p><b>Memory.</b> ND4J keeps array data off the Java heap and frees it only when the garbage collector finds
 * the array unreachable, which can take many patches. So, by default, when a result is dropped the workflow also
 * closes (frees at once) the arrays in it that no remaining result, no output and no execution argument refers
 * to. Tasks must therefore not keep arrays they return (tasks are stateless anyway); a workflow built with
 * {@code releaseArrays = false} leaves freeing to the garbage collector.
 *
 * <pre>{@code
 * EONode load = EONode.of(new LoadTask(input));
 * EONode ndvi = EONode.of(ndviTask, load);
 * EONode save = EONode.of(new SaveTask(output), ndvi);
 * EOWorkflow workflow = new EOWorkflow(List.of(load, ndvi, save));
 * WorkflowResults r = workflow.execute(Map.of(load, Map.of("eopatch_folder", "patch-0"),
 *                                             save, Map.of("eopatch_folder", "patch-0")), false);
 * }</pre>
 *
 * <h2>Thread-safety</h2>
 * Immutable; {@link #execute} may run on many threads at once (the executor does so).
 *
 * @since 0.1
 */
public final class EOWorkflow {

    private static final Logger LOG = LoggerFactory.getLogger(EOWorkflow.class);

    /** Whether SLF4J found no backend (it then drops every record), decided when first needed. */
    private static final class NoLogging {
        static final boolean ACTIVE = LoggerFactory.getILoggerFactory() instanceof org.slf4j.helpers.NOPLoggerFactory;

        private NoLogging() {
        }
    }

    private final List<EONode> order;
    private final Map<String, Integer> outDegree;
    private final boolean releaseArrays;

    /**
     * Creates a workflow from all its nodes.
     *
     * @param nodes every node; each input of a node must be in the list
     * @throws IllegalArgumentException   if a node appears twice or an input node is missing
     * @throws CyclicDependencyException if the nodes form a cycle
     */
    public EOWorkflow(List<EONode> nodes) {
        this(nodes, true);
    }

    /**
     * Creates a workflow from all its nodes, choosing whether dropped results' arrays are freed at once.
     *
     * @param nodes         every node; each input of a node must be in the list
     * @param releaseArrays whether to close arrays of dropped results that nothing else refers to
     * @throws IllegalArgumentException   if a node appears twice or an input node is missing
     * @throws CyclicDependencyException if the nodes form a cycle
     */
    public EOWorkflow(List<EONode> nodes, boolean releaseArrays) {
        Objects.requireNonNull(nodes, "nodes");
        this.releaseArrays = releaseArrays;
        Set<EONode> all = new HashSet<>();
        for (EONode n : nodes) {
            if (n == null) {
                throw new IllegalArgumentException("nodes must not contain null");
            }
            if (!all.add(n)) {
                throw new IllegalArgumentException("node " + n + " appears more than once in the workflow");
            }
        }
        DirectedGraph<EONode> graph = new DirectedGraph<>();
        for (EONode n : nodes) {
            graph.addVertex(n);
        }
        for (EONode n : nodes) {
            for (EONode in : n.inputs()) {
                if (!all.contains(in)) {
                    throw new IllegalArgumentException("node " + n.name() + " takes the input node " + in
                            + ", which is not in the workflow");
                }
                graph.addEdge(in, n);
            }
        }
        this.order = List.copyOf(graph.topologicalOrder());
        Map<String, Integer> degrees = new HashMap<>();
        for (EONode n : order) {
            degrees.put(n.uid(), graph.outdegree(n));
        }
        this.outDegree = Map.copyOf(degrees);
    }

    /**
     * Creates a workflow from its end nodes and everything they depend on.
     *
     * @param endNodes the last nodes
     * @return the workflow
     */
    public static EOWorkflow fromEndNodes(EONode... endNodes) {
        Set<EONode> all = new java.util.LinkedHashSet<>();
        for (EONode e : endNodes) {
            all.addAll(e.dependencies());
        }
        return new EOWorkflow(new ArrayList<>(all));
    }

    /**
     * Returns the nodes in execution (topological) order.
     *
     * @return the nodes
     */
    public List<EONode> nodes() {
        return order;
    }

    /**
     * Returns the node with a uid.
     *
     * @param uid the uid
     * @return the node, or null if no node has it
     */
    public EONode nodeWithUid(String uid) {
        for (EONode n : order) {
            if (n.uid().equals(uid)) {
                return n;
            }
        }
        return null;
    }

    /**
     * Executes the workflow, throwing the first task failure.
     *
     * @param inputArgs execute-time arguments per node (nodes without arguments may be left out)
     * @return the results
     */
    public WorkflowResults execute(Map<EONode, Map<String, Object>> inputArgs) {
        return execute(inputArgs, true);
    }

    /**
     * Executes the workflow.
     *
     * @param inputArgs   execute-time arguments per node (nodes without arguments may be left out)
     * @param raiseErrors whether a task failure is thrown (true) or recorded in the results (false); recorded
     *                    failures include a task's {@link OutOfMemoryError} and {@link StackOverflowError} (with
     *                    the node named in the message), but not other {@link VirtualMachineError}s
     * @return the results
     * @throws IllegalArgumentException if the arguments name a node that is not in the workflow
     */
    public WorkflowResults execute(Map<EONode, Map<String, Object>> inputArgs, boolean raiseErrors) {
        return execute(inputArgs, raiseErrors, null);
    }

    /**
     * Executes the workflow and reports each node as it finishes (the executor logs "Node ... ran for ..." then,
     * with the node's own time).
     *
     * @param inputArgs    execute-time arguments per node (nodes without arguments may be left out)
     * @param raiseErrors  whether a task failure is thrown (true) or recorded in the results (false), as in
     *                     {@link #execute(Map, boolean)}
     * @param nodeFinished called on the executing thread with each node's statistics when it has run (also when it
     *                     failed), or null
     * @return the results
     * @throws IllegalArgumentException if the arguments name a node that is not in the workflow
     */
    public WorkflowResults execute(Map<EONode, Map<String, Object>> inputArgs, boolean raiseErrors,
                                   java.util.function.Consumer<NodeStats> nodeFinished) {
        Map<EONode, Map<String, Object>> args = inputArgs == null ? Map.of() : inputArgs;
        for (Map.Entry<EONode, Map<String, Object>> e : args.entrySet()) {
            if (e.getKey() == null || !outDegree.containsKey(e.getKey().uid())) {
                throw new IllegalArgumentException("execution arguments are given for " + e.getKey()
                        + ", which is not a node of this workflow");
            }
            if (e.getValue() == null) {
                throw new IllegalArgumentException("execution arguments of node " + e.getKey().name()
                        + " must be a map, got null");
            }
        }
        Instant start = Instant.now();
        ArrayRelease release = releaseArrays ? new ArrayRelease(args.values()) : null;
        Map<String, Object> results = new HashMap<>();
        Map<String, Integer> remaining = new HashMap<>(outDegree);
        Map<String, Object> outputs = new LinkedHashMap<>();
        Map<String, NodeStats> stats = new LinkedHashMap<>();
        String errorUid = null;
        for (EONode node : order) {
            Map<String, Object> nodeArgs = args.getOrDefault(node, Map.of());
            Instant nodeStart = Instant.now();
            Object result;
            try {
                List<Object> inputs = new ArrayList<>(node.inputs().size());
                for (EONode in : node.inputs()) {
                    Object value = results.get(in.uid());
                    inputs.add(value instanceof EOPatch ? ((EOPatch) value).copy(
                            org.eolearn.core.FeatureSpec.all(), false, true) : value);
                }
                LOG.debug("Computing {}({} inputs, args {})", node.name(), inputs.size(), nodeArgs.keySet());
                result = node.task().execute(inputs, nodeArgs);
            } catch (RuntimeException | Error e) {
                boolean resources = e instanceof OutOfMemoryError || e instanceof StackOverflowError;
                if (raiseErrors || (e instanceof VirtualMachineError && !resources)) {
                    throw e;
                }
                Throwable recorded = e;
                if (resources) {
                    // the task's inputs and partial results are unreachable now; what the execution still holds
                    // is released below, after the loop
                    recorded = resourceError(e, node);
                }
                ExceptionInfo info = ExceptionInfo.of(recorded);
                NodeStats failed = new NodeStats(node.uid(), node.name(), nodeStart, Instant.now(), info);
                stats.put(node.uid(), failed);
                if (nodeFinished != null) {
                    nodeFinished.accept(failed);
                }
                LOG.error("Task {} failed with {}: {}\n{}", node.name(), e.getClass().getName(), e.getMessage(),
                        info.traceback());
                if (NoLogging.ACTIVE) {
                    // as eo-learn prints a failing task without any set-up: visible even without an SLF4J backend
                    System.err.println("EOWorkflow: task " + node.name() + " failed with " + e.getClass().getName()
                            + ": " + e.getMessage() + "\n" + info.traceback() + "(printed here because no SLF4J "
                            + "backend is on the class path; add one, such as ch.qos.logback:logback-classic, to "
                            + "route this and other logs)");
                }
                errorUid = node.uid();
                break;
            }
            NodeStats done = new NodeStats(node.uid(), node.name(), nodeStart, Instant.now(), null);
            stats.put(node.uid(), done);
            if (nodeFinished != null) {
                nodeFinished.accept(done);
            }
            if (node.task() instanceof OutputTask) {
                outputs.put(((OutputTask) node.task()).outputName(), result);
            }
            results.put(node.uid(), result);
            List<Object> dropped = new ArrayList<>();
            for (EONode in : node.inputs()) {
                int left = remaining.merge(in.uid(), -1, Integer::sum);
                if (left == 0 && results.containsKey(in.uid())) {
                    LOG.debug("Removing intermediate result of {}", in.name());
                    dropped.add(results.remove(in.uid()));
                }
            }
            if (remaining.get(node.uid()) == 0) {
                dropped.add(results.remove(node.uid()));
            }
            if (release != null && !dropped.isEmpty()) {
                release.close(dropped, results.values(), outputs.values());
            }
        }
        if (release != null && !results.isEmpty()) {
            // after a failure: what is left is not needed either
            release.close(new ArrayList<>(results.values()), List.of(), outputs.values());
        }
        return new WorkflowResults(outputs, start, Instant.now(), stats, errorUid);
    }

    /**
     * Wraps a task's {@link OutOfMemoryError} or {@link StackOverflowError} in one of the same class whose message
     * names the node and task: {@code "out of memory in <node> (<Task>): <message>"}. The original is the cause and
     * its stack trace is kept.
     */
    private static Error resourceError(Throwable e, EONode node) {
        String where = node.name() + " (" + node.task().name() + ")";
        Error wrapped = e instanceof OutOfMemoryError
                ? new OutOfMemoryError("out of memory in " + where + ": " + e.getMessage())
                : new StackOverflowError("stack overflow in " + where + " (input nested too deeply?)");
        wrapped.initCause(e);
        StackTraceElement[] trace = e.getStackTrace();
        // a stack overflow's trace is the same frames many times: keep its top
        wrapped.setStackTrace(trace.length > 64 ? java.util.Arrays.copyOf(trace, 64) : trace);
        return wrapped;
    }

    /** Frees the arrays of dropped results that nothing still in use refers to. */
    private static final class ArrayRelease {
        private final Set<INDArray> foreign = identitySet();

        ArrayRelease(Collection<Map<String, Object>> executionArgs) {
            for (Map<String, Object> a : executionArgs) {
                collect(a.values(), foreign);
            }
        }

        void close(Collection<Object> dropped, Collection<Object> live, Collection<Object> outputs) {
            Set<INDArray> candidates = identitySet();
            collect(dropped, candidates);
            if (candidates.isEmpty()) {
                return;
            }
            // memory still in use is kept whichever array refers to it: a view or reshape of a dropped array may
            // live on in another result
            Set<INDArray> keep = identitySet();
            collect(live, keep);
            collect(outputs, keep);
            keep.addAll(foreign);
            Set<DataBuffer> kept = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
            for (INDArray a : keep) {
                if (!a.wasClosed()) {
                    kept.add(root(a.data()));
                }
            }
            for (INDArray a : candidates) {
                if (!keep.contains(a) && !a.wasClosed() && !kept.contains(root(a.data()))) {
                    ArrayPool.release(a);
                }
            }
        }

        /** The buffer that owns the memory of a (view) buffer. */
        private static DataBuffer root(DataBuffer d) {
            for (int guard = 0; guard < 64; guard++) {
                DataBuffer up = d.originalDataBuffer();
                if (up == null || up == d) {
                    up = d.underlyingDataBuffer();
                }
                if (up == null || up == d) {
                    return d;
                }
                d = up;
            }
            return d;
        }

        private static Set<INDArray> identitySet() {
            return java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        }

        private static void collect(Object value, Set<INDArray> out) {
            if (value instanceof INDArray) {
                out.add((INDArray) value);
            } else if (value instanceof EOPatch) {
                EOPatch p = (EOPatch) value;
                for (org.eolearn.core.Feature f : p.getFeatures()) {
                    Object raw = p.getRaw(f.type(), f.name());
                    collect(raw instanceof org.eolearn.core.LazyValue ? ((org.eolearn.core.LazyValue) raw).peek()
                            : raw, out);
                }
            } else if (value instanceof Collection) {
                for (Object o : (Collection<?>) value) {
                    collect(o, out);
                }
            } else if (value instanceof Map) {
                collect(((Map<?, ?>) value).values(), out);
            }
        }
    }

    /**
     * Returns the graph in Graphviz's DOT language (one edge per input; duplicate names get {@code _1},
     * {@code _2}, ...).
     *
     * @return the DOT text
     */
    public String dot() {
        return WorkflowGraphs.dot(this);
    }

    /**
     * Draws the graph as a standalone SVG image (no Graphviz needed): nodes in columns by depth, left to right.
     *
     * @return the SVG text
     */
    public String svg() {
        return WorkflowGraphs.svg(this);
    }

    /**
     * Lists the node names in execution order.
     *
     * @return for example {@code EOWorkflow[LoadTask -> NormalizedDifferenceIndexTask -> SaveTask]}
     */
    @Override
    public String toString() {
        List<String> names = new ArrayList<>();
        for (EONode n : order) {
            names.add(n.name());
        }
        return "EOWorkflow[" + String.join(" -> ", names) + "]";
    }
}
