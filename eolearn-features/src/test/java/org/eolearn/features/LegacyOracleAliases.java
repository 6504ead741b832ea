package org.eolearn.features;

import org.eolearn.core.task.TaskProvider;
import org.eolearn.core.task.TaskRegistry;

/**
 * Registers the 2018 tasks a second time under the oracle's dotted Python names
 * ({@code eolearn_legacy.temporal_features.*}, {@code eolearn_legacy.radiometric_normalization.*}), so that the
 * differential harness, which names a case's task once for both sides, runs eo-learn's removed classes (which the
 * oracle server's {@code find} imports by dotted name) against the same factories and schemas. Tests only.
 */
public final class LegacyOracleAliases implements TaskProvider {

    /** The oracle's module of the temporal tasks. */
    public static final String TEMPORAL = "eolearn_legacy.temporal_features.";
    /** The oracle's module of the compositing tasks. */
    public static final String RADIOMETRIC = "eolearn_legacy.radiometric_normalization.";

    /** Creates the provider (used by {@link java.util.ServiceLoader}). */
    public LegacyOracleAliases() {
    }

    @Override
    public void register(TaskRegistry registry) {
        new LegacyFeaturesTaskProvider(name -> (name.startsWith("Add") ? TEMPORAL : RADIOMETRIC) + name)
                .register(registry);
    }
}
