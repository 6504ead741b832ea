package org.eolearn.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Resolves a {@link FeatureSpec} into concrete features, eo-learn's {@code FeatureParser}.
 *
 * <p>The allowed feature types are checked when the parser is built, so a task given a feature of the wrong
 * type fails in its constructor. With a patch, whole-type items and {@link FeatureSpec#all()} expand to the
 * patch's features (types in the order of their value strings for {@code ...}, as eo-learn sorts them) and
 * every named feature must exist.
 *
 * <pre>{@code
 * FeatureParser parser = new FeatureParser(FeatureSpec.of(FeatureType.DATA), FeatureType::isImage);
 * List<Feature> images = parser.getFeatures(patch);
 * }</pre>
 *
 * <h2>Thread-safety</h2>
 * Immutable.
 *
 * @since 0.1
 */
public final class FeatureParser {

    private final FeatureSpec spec;
    private final Predicate<FeatureType> allowed;

    /**
     * Creates a parser that allows every feature type.
     *
     * @param spec the specification
     */
    public FeatureParser(FeatureSpec spec) {
        this(spec, t -> true);
    }

    /**
     * Creates a parser for the allowed feature types.
     *
     * @param spec    the specification
     * @param allowed which feature types are allowed
     * @throws IllegalArgumentException if the specification names a type that is not allowed
     */
    public FeatureParser(FeatureSpec spec, Predicate<FeatureType> allowed) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.allowed = Objects.requireNonNull(allowed, "allowed");
        for (FeatureSpec.Item item : spec.items()) {
            if (!allowed.test(item.type())) {
                throw new IllegalArgumentException("feature type " + item.type() + " is not allowed here (in "
                        + "feature specification " + spec + ")");
            }
        }
    }

    /**
     * Creates a parser for a set of allowed types.
     *
     * @param spec    the specification
     * @param allowed the allowed types
     * @return the parser
     */
    public static FeatureParser allowing(FeatureSpec spec, FeatureType... allowed) {
        Set<FeatureType> set = Set.copyOf(Arrays.asList(allowed));
        return new FeatureParser(spec, set::contains);
    }

    /**
     * Returns the specification's items without a patch.
     *
     * @return the items; {@code ...} becomes one whole-type item per allowed type
     */
    public List<FeatureSpec.Item> getFeatureSpecifications() {
        if (!spec.isAll()) {
            return spec.items();
        }
        List<FeatureSpec.Item> out = new ArrayList<>();
        for (FeatureType t : typesByValue()) {
            out.add(new FeatureSpec.Item(t, null, null));
        }
        return out;
    }

    /**
     * Returns the features without consulting a patch.
     *
     * @return the features, without renames
     * @throws IllegalArgumentException if the specification has a whole-type item or is {@code ...}
     */
    public List<Feature> getFeatures() {
        List<Feature> out = new ArrayList<>();
        for (Feature f : getRenamedFeatures()) {
            out.add(f.withoutRename());
        }
        return out;
    }

    /**
     * Returns the renamed features without consulting a patch; features that are not renamed get their own
     * name as new name.
     *
     * @return the features
     * @throws IllegalArgumentException if the specification has a whole-type item or is {@code ...}
     */
    public List<Feature> getRenamedFeatures() {
        List<Feature> out = new ArrayList<>();
        for (FeatureSpec.Item item : getFeatureSpecifications()) {
            if (item.isWholeType()) {
                throw new IllegalArgumentException("cannot list all features of type " + item.type()
                        + " without a patch; name the features (specification " + spec + ")");
            }
            out.add(Feature.of(item.type(), item.name(), item.newName() == null ? item.name() : item.newName()));
        }
        return out;
    }

    /**
     * Returns the features of a patch that the specification names, in order, without duplicates.
     *
     * @param patch the patch
     * @return the features, without renames
     * @throws IllegalArgumentException if a named feature is missing from the patch
     */
    public List<Feature> getFeatures(EOPatch patch) {
        List<Feature> out = new ArrayList<>();
        for (Feature f : getRenamedFeatures(patch)) {
            out.add(f.withoutRename());
        }
        return out;
    }

    /**
     * Returns the features of a patch with their new names (a feature that is not renamed keeps its name). A
     * feature named twice appears twice, as in eo-learn.
     *
     * @param patch the patch
     * @return the features, each with a new name
     * @throws IllegalArgumentException if a named feature is missing from the patch
     */
    public List<Feature> getRenamedFeatures(EOPatch patch) {
        List<Feature> out = new ArrayList<>();
        for (FeatureSpec.Item item : getFeatureSpecifications()) {
            if (item.isWholeType()) {
                for (String name : patch.names(item.type())) {
                    out.add(Feature.of(item.type(), name, name));
                }
            } else {
                if (!patch.contains(item.type(), item.name())) {
                    throw new IllegalArgumentException("feature (" + item.type() + ", " + item.name()
                            + ") is not in the patch; it has " + patch.getFeatures());
                }
                out.add(Feature.of(item.type(), item.name(), item.newName() == null ? item.name() : item.newName()));
            }
        }
        return out;
    }

    /**
     * Tells whether the parser allows a feature type.
     *
     * @param type a type
     * @return whether allowed
     */
    public boolean allows(FeatureType type) {
        return allowed.test(type);
    }

    /**
     * Returns the specification.
     *
     * @return the specification
     */
    public FeatureSpec spec() {
        return spec;
    }

    private List<FeatureType> typesByValue() {
        List<FeatureType> types = new ArrayList<>();
        for (FeatureType t : FeatureType.values()) {
            if (allowed.test(t)) {
                types.add(t);
            }
        }
        types.sort(Comparator.comparing(FeatureType::value));
        return types;
    }
}
