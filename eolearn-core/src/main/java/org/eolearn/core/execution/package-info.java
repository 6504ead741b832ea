/**
 * Running a workflow over many patches: {@link org.eolearn.core.execution.EOExecutor} (a thread pool, results in
 * order, failures isolated, one log file per execution, an HTML report) and progress listeners.
 */
package org.eolearn.core.execution;
