package org.eolearn.core.workflow;

import java.util.List;

/**
 * A workflow's graph has a cycle (eo-learn's {@code CyclicDependencyError}).
 *
 * @since 0.1
 */
public class CyclicDependencyException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param remaining the vertices that could not be ordered (those on or after a cycle)
     */
    public CyclicDependencyException(List<?> remaining) {
        super("the workflow graph has a cycle; these nodes could not be ordered: " + remaining);
    }
}
