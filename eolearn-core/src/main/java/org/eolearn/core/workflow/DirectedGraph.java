package org.eolearn.core.workflow;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A directed multigraph (several edges between two vertices are allowed) with Kahn's topological ordering,
 * eo-learn's {@code DirectedGraph}. Vertices keep insertion order, which makes the ordering deterministic.
 *
 * <h2>Thread-safety</h2>
 * Not thread-safe.
 *
 * @param <T> the vertex type
 * @since 0.1
 */
public final class DirectedGraph<T> {

    private final Map<T, List<T>> adjacency = new LinkedHashMap<>();
    private final Map<T, Integer> indegree = new LinkedHashMap<>();

    /**
     * Adds a vertex (nothing happens if it exists).
     *
     * @param vertex the vertex
     */
    public void addVertex(T vertex) {
        adjacency.computeIfAbsent(vertex, v -> new ArrayList<>());
        indegree.putIfAbsent(vertex, 0);
    }

    /**
     * Adds an edge (another one if it exists), adding its vertices.
     *
     * @param from the source
     * @param to   the target
     */
    public void addEdge(T from, T to) {
        addVertex(from);
        addVertex(to);
        adjacency.get(from).add(to);
        indegree.merge(to, 1, Integer::sum);
    }

    /**
     * Removes one edge.
     *
     * @param from the source
     * @param to   the target
     * @return whether an edge was removed
     */
    public boolean removeEdge(T from, T to) {
        List<T> out = adjacency.get(from);
        if (out == null || !out.remove(to)) {
            return false;
        }
        indegree.merge(to, -1, Integer::sum);
        return true;
    }

    /**
     * Removes a vertex and its edges.
     *
     * @param vertex the vertex
     */
    public void removeVertex(T vertex) {
        List<T> out = adjacency.remove(vertex);
        if (out == null) {
            return;
        }
        for (T to : out) {
            indegree.merge(to, -1, Integer::sum);
        }
        indegree.remove(vertex);
        for (Map.Entry<T, List<T>> e : adjacency.entrySet()) {
            e.getValue().removeIf(v -> v.equals(vertex));
        }
    }

    /**
     * Tells whether there is at least one edge.
     *
     * @param from the source
     * @param to   the target
     * @return whether connected
     */
    public boolean isEdge(T from, T to) {
        return adjacency.getOrDefault(from, List.of()).contains(to);
    }

    /**
     * Returns the targets of a vertex's edges (with repeats for multi-edges).
     *
     * @param vertex the vertex
     * @return the neighbours
     */
    public List<T> neighbors(T vertex) {
        return List.copyOf(adjacency.getOrDefault(vertex, List.of()));
    }

    /**
     * Returns the number of edges into a vertex.
     *
     * @param vertex the vertex
     * @return the in-degree
     */
    public int indegree(T vertex) {
        return indegree.getOrDefault(vertex, 0);
    }

    /**
     * Returns the number of edges out of a vertex.
     *
     * @param vertex the vertex
     * @return the out-degree
     */
    public int outdegree(T vertex) {
        return adjacency.getOrDefault(vertex, List.of()).size();
    }

    /**
     * Returns the vertices in insertion order.
     *
     * @return the vertices
     */
    public List<T> vertices() {
        return List.copyOf(adjacency.keySet());
    }

    /**
     * Orders the vertices so that every edge goes forwards (Kahn's algorithm).
     *
     * @return the order
     * @throws CyclicDependencyException if the graph has a cycle
     */
    public List<T> topologicalOrder() {
        Map<T, Integer> remaining = new LinkedHashMap<>(indegree);
        Deque<T> ready = new ArrayDeque<>();
        remaining.forEach((v, d) -> {
            if (d == 0) {
                ready.add(v);
            }
        });
        List<T> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            T v = ready.poll();
            order.add(v);
            for (T to : adjacency.get(v)) {
                if (remaining.merge(to, -1, Integer::sum) == 0) {
                    ready.add(to);
                }
            }
        }
        if (order.size() != adjacency.size()) {
            List<T> left = new ArrayList<>(adjacency.keySet());
            left.removeAll(order);
            throw new CyclicDependencyException(left);
        }
        return order;
    }
}
