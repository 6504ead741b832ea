package org.eolearn.core;

import java.util.Objects;

/**
 * One feature of a patch: a {@link FeatureType} and a name, optionally with a new name for tasks that rename
 * (eo-learn's {@code (FeatureType.DATA, "NDVI")} and {@code (FeatureType.DATA, "NDVI", "NDVI_NEW")}).
 *
 * <p>Names are checked as eo-learn checks them when a feature is set ({@link #checkName(String)}), which also
 * keeps every saved file inside the patch folder.
 *
 * <pre>{@code
 * Feature ndvi = Feature.of(FeatureType.DATA, "NDVI");
 * Feature renamed = ndvi.renamedTo("NDVI_SMOOTH");
 * }</pre>
 *
 * @param type    the feature type
 * @param name    the feature name
 * @param newName the new name, or {@code null} when the feature is not renamed
 * @since 0.1
 */
public record Feature(FeatureType type, String name, String newName) {

    /**
     * Validates the components.
     *
     * @param type    the feature type, not null
     * @param name    the name, a valid feature name
     * @param newName a valid feature name or null
     */
    public Feature {
        Objects.requireNonNull(type, "type");
        checkName(name);
        if (newName != null) {
            checkName(newName);
        }
    }

    /**
     * Creates a feature that is not renamed.
     *
     * @param type the feature type
     * @param name the feature name
     * @return the feature
     */
    public static Feature of(FeatureType type, String name) {
        return new Feature(type, name, null);
    }

    /**
     * Creates a renamed feature.
     *
     * @param type    the feature type
     * @param name    the current name
     * @param newName the new name
     * @return the feature
     */
    public static Feature of(FeatureType type, String name, String newName) {
        return new Feature(type, name, Objects.requireNonNull(newName, "newName"));
    }

    /**
     * Returns this feature with a new name for its output.
     *
     * @param target the new name
     * @return a renamed copy
     */
    public Feature renamedTo(String target) {
        return new Feature(type, name, target);
    }

    /**
     * Returns the name of the output: the new name if renamed, otherwise the name.
     *
     * @return the output name
     */
    public String outputName() {
        return newName == null ? name : newName;
    }

    /**
     * Returns this feature without its rename.
     *
     * @return the feature {@code (type, name)}
     */
    public Feature withoutRename() {
        return newName == null ? this : new Feature(type, name, null);
    }

    /**
     * Checks a feature name as eo-learn does: non-empty, without any of {@code . / \ | ; :}, and without
     * control characters (eo-learn names tab and newline; every control character is refused here).
     *
     * @param name a candidate name
     * @return the name
     * @throws IllegalArgumentException naming the bad character
     */
    public static String checkName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("feature name must be a non-empty string, got "
                    + (name == null ? "null" : "''"));
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '.' || c == '/' || c == '\\' || c == '|' || c == ';' || c == ':' || Character.isISOControl(c)) {
                String shown = Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c);
                throw new IllegalArgumentException("feature name '" + printable(name) + "' contains the forbidden "
                        + "character '" + shown + "'; names may not contain . / \\ | ; : or control characters");
            }
        }
        return name;
    }

    /**
     * Checks that a task parameter names a feature of the given type.
     *
     * @param feature the feature a task was given
     * @param type the type the task needs
     * @param param the parameter's name, as eo-learn spells it, for the message
     * @return {@code feature}
     * @throws NullPointerException naming {@code param} when the feature is null
     * @throws IllegalArgumentException naming {@code param}, the type needed and the feature given
     */
    public static Feature requireType(Feature feature, FeatureType type, String param) {
        Objects.requireNonNull(feature, param);
        if (feature.type() != type) {
            throw new IllegalArgumentException(param + " must be a " + type.value() + " feature, got " + feature);
        }
        return feature;
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return b.toString();
    }

    /**
     * Returns the Python-like form, {@code (data, NDVI)} or {@code (data, NDVI, NEW)}.
     *
     * @return a short description
     */
    @Override
    public String toString() {
        return newName == null ? "(" + type.value() + ", " + name + ")"
                : "(" + type.value() + ", " + name + ", " + newName + ")";
    }
}
