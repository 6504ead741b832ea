/**
 * Workflows: {@link org.eolearn.core.workflow.EONode}, {@link org.eolearn.core.workflow.EOWorkflow} (a DAG of
 * tasks run in topological order with eo-learn's semantics), {@link org.eolearn.core.workflow.WorkflowResults}
 * and the graph's DOT and SVG renderings.
 */
package org.eolearn.core.workflow;
