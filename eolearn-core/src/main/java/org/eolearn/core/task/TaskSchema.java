package org.eolearn.core.task;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a registered task is and which parameters it takes, declared once where the task is registered. The
 * registry validates JSON parameters against it (unknown names are rejected with the closest known one), and the
 * command line's {@code eolearn tasks} and {@code eolearn task NAME --help} and the reference docs/tasks.md are
 * made from it.
 *
 * <pre>{@code
 * registry.register(TaskSchema.builder("eolearn-geometry", "ErosionTask",
 *                 "Erodes a mask feature with a disk (labels other than the ones given are kept).")
 *         .required("mask_feature", Type.FEATURE, "the mask to erode, and the name of the result")
 *         .optional("disk_radius", Type.INTEGER, "1", "the radius of the disk, in pixels")
 *         .build(), p -> ...);
 * }</pre>
 *
 * @since 0.1
 */
public final class TaskSchema {

    private final String module;
    private final String name;
    private final String summary;
    private final Map<String, TaskParam> params;

    private TaskSchema(String module, String name, String summary, Map<String, TaskParam> params) {
        this.module = module;
        this.name = name;
        this.summary = summary;
        this.params = Collections.unmodifiableMap(params);
    }

    /**
     * Starts a schema.
     *
     * @param module  the Maven module that provides the task, such as {@code "eolearn-features"}
     * @param name    eo-learn's class name
     * @param summary one sentence on what the task does
     * @return the builder
     */
    public static Builder builder(String module, String name, String summary) {
        return new Builder(module, name, summary);
    }

    /**
     * Returns the module.
     *
     * @return for example {@code "eolearn-core"}
     */
    public String module() {
        return module;
    }

    /**
     * Returns eo-learn's class name.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Returns the one-sentence description.
     *
     * @return the summary
     */
    public String summary() {
        return summary;
    }

    /**
     * Returns the parameters in declaration order (eo-learn's order).
     *
     * @return the parameters
     */
    public List<TaskParam> params() {
        return List.copyOf(params.values());
    }

    /**
     * Looks up a parameter.
     *
     * @param paramName eo-learn's parameter name
     * @return the parameter, if declared
     */
    public Optional<TaskParam> param(String paramName) {
        return Optional.ofNullable(params.get(paramName));
    }

    /**
     * Returns the declared name closest to a misspelt one, if one is close: the one at the smallest edit distance
     * (ignoring case) if that is at most a third of the name (at least 2), else one that contains the given name or
     * is contained in it (the closest in length).
     *
     * @param given the unknown name
     * @return the suggestion
     */
    public Optional<String> closest(String given) {
        return closest(given, params.keySet());
    }

    /** The name among {@code names} closest to {@code given}, by the rule of {@link #closest(String)}. */
    static Optional<String> closest(String given, java.util.Collection<String> names) {
        String lower = given.toLowerCase(java.util.Locale.ROOT);
        String best = null;
        int bestDistance = Math.max(2, given.length() / 3) + 1;
        for (String known : names) {
            int d = editDistance(lower, known.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = known;
            }
        }
        if (best == null && given.length() >= 3) {
            // a part of the name, or the name with more around it: the closest in length
            int bestDiff = Integer.MAX_VALUE;
            for (String known : names) {
                String k = known.toLowerCase(java.util.Locale.ROOT);
                int diff = Math.abs(k.length() - lower.length());
                if ((k.contains(lower) || lower.contains(k)) && diff < bestDiff) {
                    bestDiff = diff;
                    best = known;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** Levenshtein distance, with a transposition of neighbours counted as one edit. */
    static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    @Override
    public String toString() {
        return name + params.keySet();
    }

    /** Declares a schema's parameters, in eo-learn's order. */
    public static final class Builder {
        private final String module;
        private final String name;
        private final String summary;
        private final Map<String, TaskParam> params = new LinkedHashMap<>();

        private Builder(String module, String name, String summary) {
            this.module = Objects.requireNonNull(module, "module");
            this.name = Objects.requireNonNull(name, "name");
            this.summary = Objects.requireNonNull(summary, "summary");
            if (summary.isBlank()) {
                throw new IllegalArgumentException(name + ": the summary is empty");
            }
        }

        /**
         * Declares a parameter eo-learn has no default for.
         *
         * @param paramName   the name
         * @param type        its JSON form
         * @param description what it means
         * @return this builder
         */
        public Builder required(String paramName, TaskParam.Type type, String description) {
            return add(new TaskParam(paramName, type, null, description, List.of()));
        }

        /**
         * Declares a parameter with a default.
         *
         * @param paramName    the name
         * @param type         its JSON form
         * @param defaultValue eo-learn's default as Python writes it, such as {@code 1}, {@code None} or {@code 'auto'}
         * @param description  what it means
         * @return this builder
         */
        public Builder optional(String paramName, TaskParam.Type type, String defaultValue, String description) {
            return add(new TaskParam(paramName, type, Objects.requireNonNull(defaultValue, "defaultValue"),
                    description, List.of()));
        }

        /**
         * Declares a string parameter that takes one of a fixed set of values.
         *
         * @param paramName    the name
         * @param defaultValue the default as Python writes it, or null when required
         * @param description  what it means
         * @param allowed      the values it takes
         * @return this builder
         */
        public Builder choice(String paramName, String defaultValue, String description, String... allowed) {
            if (allowed.length == 0) {
                throw new IllegalArgumentException(name + "." + paramName + ": no allowed values");
            }
            return add(new TaskParam(paramName, TaskParam.Type.STRING, defaultValue, description,
                    List.of(allowed)));
        }

        private Builder add(TaskParam p) {
            if (params.putIfAbsent(p.name(), p) != null) {
                throw new IllegalArgumentException(name + ": parameter '" + p.name() + "' is declared twice");
            }
            return this;
        }

        /**
         * Builds the schema.
         *
         * @return the schema
         */
        public TaskSchema build() {
            return new TaskSchema(module, name, summary, new LinkedHashMap<>(params));
        }
    }

    /**
     * The names of a list of parameters, for messages.
     *
     * @param list the parameters
     * @return their names
     */
    static List<String> names(List<TaskParam> list) {
        List<String> out = new ArrayList<>();
        for (TaskParam p : list) {
            out.add(p.name());
        }
        return out;
    }
}
