package org.eolearn.core.workflow;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.eolearn.core.task.EOTask;

/**
 * A node of a workflow: a task, the nodes whose results it takes (in order; a node may appear twice) and a
 * name (eo-learn's {@code EONode}). Nodes are equal when their {@link #uid()}s are.
 *
 * <pre>{@code
 * EONode load = EONode.of(new LoadTask(dir));
 * EONode ndvi = EONode.of(ndviTask, load);
 * EONode save = new EONode(new SaveTask(out), List.of(ndvi), "save");
 * }</pre>
 *
 * @param task   the task
 * @param inputs the input nodes, in the order of the task's inputs
 * @param name   the node's name (default: the task's name)
 * @param uid    a unique id, {@code <TaskName>-<32 hex digits>}
 * @since 0.1
 */
public record EONode(EOTask task, List<EONode> inputs, String name, String uid) {

    /**
     * Validates the node and copies the inputs.
     *
     * @param task   not null
     * @param inputs not null, no null element
     * @param name   null for the task's name
     * @param uid    null for a new unique id
     */
    public EONode {
        Objects.requireNonNull(task, "task");
        inputs = List.copyOf(Objects.requireNonNull(inputs, "inputs"));
        name = name != null ? name : task.name();
        uid = uid != null ? uid : task.name() + "-" + UUID.randomUUID().toString().replace("-", "");
    }

    /**
     * Creates a node with a name.
     *
     * @param task   the task
     * @param inputs the input nodes
     * @param name   the name, or null for the task's name
     */
    public EONode(EOTask task, List<EONode> inputs, String name) {
        this(task, inputs, name, null);
    }

    /**
     * Creates a node named after its task.
     *
     * @param task   the task
     * @param inputs the input nodes
     * @return the node
     */
    public static EONode of(EOTask task, EONode... inputs) {
        return new EONode(task, List.of(inputs), null, null);
    }

    /**
     * Returns the node and all nodes it depends on, directly or not.
     *
     * @return the dependencies including this node
     */
    public Set<EONode> dependencies() {
        Set<EONode> out = new LinkedHashSet<>();
        collect(this, out);
        return out;
    }

    private static void collect(EONode node, Set<EONode> out) {
        if (out.add(node)) {
            for (EONode i : node.inputs) {
                collect(i, out);
            }
        }
    }

    /**
     * Chains tasks linearly, each node taking the previous one as its input (eo-learn's
     * {@code linearly_connect_tasks}).
     *
     * @param tasks the tasks in order
     * @return the nodes in order
     */
    public static List<EONode> linearlyConnect(EOTask... tasks) {
        List<EONode> nodes = new ArrayList<>();
        EONode previous = null;
        for (EOTask t : tasks) {
            EONode node = previous == null ? EONode.of(t) : EONode.of(t, previous);
            nodes.add(node);
            previous = node;
        }
        return nodes;
    }

    /**
     * Nodes are equal when their uids are.
     *
     * @param o another object
     * @return whether equal
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof EONode && ((EONode) o).uid.equals(uid);
    }

    /**
     * Hash of the uid.
     *
     * @return the hash
     */
    @Override
    public int hashCode() {
        return uid.hashCode();
    }

    /**
     * Returns {@code EONode(name, uid)} (inputs are not printed, to keep it short).
     *
     * @return the description
     */
    @Override
    public String toString() {
        return "EONode(" + name + ", " + uid + ")";
    }
}
