/**
 * Tasks: {@link org.eolearn.core.task.EOTask} and {@link org.eolearn.core.task.PatchTask}, every core task of
 * eo-learn ({@code CopyTask}, {@code SaveTask}, {@code LoadTask}, ..., {@code InputTask}, {@code OutputTask}),
 * and the registry that builds tasks by eo-learn's class names from JSON parameters.
 *
 * <p>Tasks are immutable after construction and safe on every executor thread.
 */
package org.eolearn.core.task;
