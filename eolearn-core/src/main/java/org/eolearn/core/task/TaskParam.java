package org.eolearn.core.task;

import java.util.List;
import java.util.Objects;

/**
 * One constructor parameter of a registered task, as eo-learn names and documents it.
 *
 * @param name         eo-learn's parameter name
 * @param type         the JSON form it takes
 * @param defaultValue eo-learn's default as Python writes it ({@code 1}, {@code None}, {@code 'auto'}), or null when
 *                     the parameter is required
 * @param description  what it means, in eo-learn's terms
 * @param allowed      the values it may take when they are a fixed set (empty otherwise)
 * @since 0.1
 */
public record TaskParam(String name, Type type, String defaultValue, String description, List<String> allowed) {

    /** The JSON forms a parameter takes. */
    public enum Type {
        /** One feature: {@code ["data", "NDVI"]} or {@code ["data", "NDVI", "NEW_NAME"]}. */
        FEATURE("feature"),
        /** Features in any of eo-learn's forms: a feature, a list of them, a bare type, {@code "..."}. */
        FEATURES("features"),
        /** A string. */
        STRING("string"),
        /** A file or folder path (a string). */
        PATH("path"),
        /** {@code true} or {@code false}. */
        BOOLEAN("boolean"),
        /** An integer. */
        INTEGER("integer"),
        /** A number. */
        NUMBER("number"),
        /** A numpy dtype by name, such as {@code "uint8"}. */
        DTYPE("dtype"),
        /** A date or time as an ISO-8601 string. */
        DATE("date"),
        /** A JSON list. */
        LIST("list"),
        /** A JSON object. */
        OBJECT("object"),
        /** A callable by name (see the task's description for the names it knows). */
        CALLABLE("callable"),
        /** More than one of the above; the description says which. */
        ANY("any");

        private final String label;

        Type(String label) {
            this.label = label;
        }

        /**
         * Returns the name shown in help and docs.
         *
         * @return for example {@code "feature"}
         */
        public String label() {
            return label;
        }
    }

    /**
     * Checks the fields.
     *
     * @param name         the name
     * @param type         the type
     * @param defaultValue the default, or null when required
     * @param description  the description
     * @param allowed      the allowed values (copied)
     */
    public TaskParam {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        allowed = List.copyOf(allowed);
        if (name.isBlank() || description.isBlank()) {
            throw new IllegalArgumentException("a task parameter needs a name and a description");
        }
    }

    /**
     * Tells whether eo-learn has no default for the parameter.
     *
     * @return whether it must be given
     */
    public boolean required() {
        return defaultValue == null;
    }
}
