package org.eolearn.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which features a task, a save or a load works on: eo-learn's {@code FeaturesSpecification}, in Java form.
 *
 * <table>
 *   <caption>eo-learn forms and their Java equivalents</caption>
 *   <tr><th>eo-learn</th><th>Java</th></tr>
 *   <tr><td>{@code ...}</td><td>{@link #all()}</td></tr>
 *   <tr><td>{@code FeatureType.DATA}</td><td>{@code FeatureSpec.of(FeatureType.DATA)}</td></tr>
 *   <tr><td>{@code (DATA, "NDVI")} / {@code (DATA, "NDVI", "NEW")}</td>
 *       <td>{@code FeatureSpec.of(Feature.of(DATA, "NDVI"))} / {@code Feature.of(DATA, "NDVI", "NEW")}</td></tr>
 *   <tr><td>{@code (DATA, ...)}</td><td>{@code FeatureSpec.of(FeatureType.DATA)}</td></tr>
 *   <tr><td>{@code [(DATA, "A"), (MASK, "B", "B2"), LABEL]}</td>
 *       <td>{@code FeatureSpec.of(Feature.of(DATA, "A"), Feature.of(MASK, "B", "B2"), LABEL)}</td></tr>
 *   <tr><td>{@code {DATA: ["A", ("B", "B2")], MASK: ...}}</td><td>{@link #fromMap(Map)}</td></tr>
 * </table>
 *
 * <p>A specification is resolved against a patch by a {@link FeatureParser}. Instances are immutable.
 *
 * @since 0.1
 */
public final class FeatureSpec {

    /**
     * One item of a specification: a whole feature type ({@code name == null}) or one feature, maybe renamed.
     *
     * @param type    the feature type
     * @param name    the feature name, or {@code null} for every feature of the type
     * @param newName the new name, or {@code null}
     */
    public record Item(FeatureType type, String name, String newName) {
        /**
         * Validates the item.
         *
         * @param type    not null
         * @param name    a valid name or null
         * @param newName a valid name or null (only with a name)
         */
        public Item {
            Objects.requireNonNull(type, "type");
            if (name != null) {
                Feature.checkName(name);
            }
            if (newName != null) {
                if (name == null) {
                    throw new IllegalArgumentException("a rename needs a feature name, got (" + type + ", ..., "
                            + newName + ")");
                }
                Feature.checkName(newName);
            }
        }

        /**
         * Tells whether the item stands for all features of its type.
         *
         * @return whether {@code name} is null
         */
        public boolean isWholeType() {
            return name == null;
        }
    }

    private static final FeatureSpec ALL = new FeatureSpec(true, List.of());
    private static final FeatureSpec NONE = new FeatureSpec(false, List.of());

    private final boolean all;
    private final List<Item> items;

    private FeatureSpec(boolean all, List<Item> items) {
        this.all = all;
        this.items = Collections.unmodifiableList(new ArrayList<>(items));
    }

    /**
     * Returns eo-learn's {@code ...}: every feature of every allowed type.
     *
     * @return the specification
     */
    public static FeatureSpec all() {
        return ALL;
    }

    /**
     * Returns the empty specification (no features, eo-learn's {@code []}).
     *
     * @return the specification
     */
    public static FeatureSpec none() {
        return NONE;
    }

    /**
     * Builds a specification from feature types, {@link Feature}s and {@link Item}s.
     *
     * @param parts each a {@link FeatureType}, a {@link Feature} or an {@link Item}
     * @return the specification
     * @throws IllegalArgumentException for any other kind of part
     */
    public static FeatureSpec of(Object... parts) {
        List<Item> items = new ArrayList<>();
        for (Object p : parts) {
            if (p instanceof FeatureType) {
                items.add(new Item((FeatureType) p, null, null));
            } else if (p instanceof Feature) {
                Feature f = (Feature) p;
                items.add(new Item(f.type(), f.name(), f.newName()));
            } else if (p instanceof Item) {
                items.add((Item) p);
            } else if (p instanceof FeatureSpec) {
                FeatureSpec s = (FeatureSpec) p;
                if (s.all) {
                    return ALL;
                }
                items.addAll(s.items);
            } else {
                throw new IllegalArgumentException("a feature specification part must be a FeatureType, a Feature or "
                        + "an Item, got " + (p == null ? "null" : p.getClass().getSimpleName() + " " + p));
            }
        }
        return new FeatureSpec(false, items);
    }

    /**
     * Builds a specification from a list of features.
     *
     * @param features the features
     * @return the specification
     */
    public static FeatureSpec of(List<Feature> features) {
        return of(features.toArray());
    }

    /**
     * eo-learn's dict form: for each type, {@code null} (all features of the type) or a list of names, where a
     * name may be a two-element list {@code [old, new]} for a rename.
     *
     * @param map the mapping
     * @return the specification
     */
    public static FeatureSpec fromMap(Map<FeatureType, ? extends List<?>> map) {
        List<Item> items = new ArrayList<>();
        for (Map.Entry<FeatureType, ? extends List<?>> e : map.entrySet()) {
            if (e.getValue() == null) {
                items.add(new Item(e.getKey(), null, null));
                continue;
            }
            for (Object n : e.getValue()) {
                if (n instanceof String) {
                    items.add(new Item(e.getKey(), (String) n, null));
                } else if (n instanceof List && ((List<?>) n).size() == 2) {
                    List<?> pair = (List<?>) n;
                    items.add(new Item(e.getKey(), String.valueOf(pair.get(0)), String.valueOf(pair.get(1))));
                } else {
                    throw new IllegalArgumentException("feature names of " + e.getKey() + " must be names or "
                            + "[old, new] pairs, got " + n);
                }
            }
        }
        return new FeatureSpec(false, items);
    }

    /**
     * Parses the command-line form: comma-separated items {@code type}, {@code type/NAME} or
     * {@code type/NAME/NEW}, or {@code ...} for all features. Example: {@code data/NDVI,mask,bbox}.
     *
     * @param text the text
     * @return the specification
     */
    public static FeatureSpec parse(String text) {
        String t = text.trim();
        if (t.equals("...") || t.equals("all")) {
            return ALL;
        }
        if (t.isEmpty()) {
            return NONE;
        }
        List<Item> items = new ArrayList<>();
        for (String part : t.split(",")) {
            String[] p = part.trim().split("/", -1);
            if (p.length > 3 || p[0].isEmpty()) {
                throw new IllegalArgumentException("feature '" + part + "' must be type, type/NAME or type/NAME/NEW");
            }
            FeatureType type = FeatureType.fromValue(p[0]);
            String name = p.length > 1 && !p[1].equals("...") ? p[1] : null;
            items.add(new Item(type, name, p.length > 2 ? p[2] : null));
        }
        return new FeatureSpec(false, items);
    }

    /**
     * Tells whether this is {@link #all()}.
     *
     * @return whether every feature is meant
     */
    public boolean isAll() {
        return all;
    }

    /**
     * Returns the items (empty for {@link #all()}).
     *
     * @return the items
     */
    public List<Item> items() {
        return items;
    }

    /**
     * Tells whether the specification may name a temporal feature (used for eo-learn's "auto" timestamps
     * rule).
     *
     * @return whether any item has a temporal type, or this is {@link #all()}
     */
    public boolean mentionsTemporal() {
        return all || items.stream().anyMatch(i -> i.type().isTemporal());
    }

    /**
     * Specifications are equal when they hold the same items.
     *
     * @param o another object
     * @return whether equal
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureSpec && ((FeatureSpec) o).all == all && ((FeatureSpec) o).items.equals(items);
    }

    /**
     * Hash of the items.
     *
     * @return the hash
     */
    @Override
    public int hashCode() {
        return Objects.hash(all, items);
    }

    /**
     * Returns the command-line form of {@link #parse(String)}.
     *
     * @return the text
     */
    @Override
    public String toString() {
        if (all) {
            return "...";
        }
        List<String> parts = new ArrayList<>();
        for (Item i : items) {
            parts.add(i.type().value() + (i.name() == null ? "" : "/" + i.name())
                    + (i.newName() == null ? "" : "/" + i.newName()));
        }
        return String.join(",", parts);
    }
}
