package org.eolearn.core;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.eolearn.core.internal.PyFormat;
import org.eolearn.core.io.EOPatchIO;
import org.eolearn.core.io.LoadOptions;
import org.eolearn.core.io.SaveOptions;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The container of all data of one spatial patch: multi-temporal and timeless ND4J arrays, vector tables and
 * meta information, with the patch's bounding box and timestamps. The Java form of eo-learn's {@code EOPatch}.
 *
 * <p>Features are addressed by {@link FeatureType} and name. Setting a feature validates it as eo-learn does:
 * the name ({@link Feature#checkName}), the number of dimensions ({@link FeatureType#ndim()}), an integer or
 * bool dtype for discrete types, and a {@value GeoTable#TIMESTAMP} column for temporal vectors. A temporal
 * array whose first dimension differs from the number of timestamps is accepted with a warning (eo-learn's
 * {@code TemporalDimensionWarning}), logged on the logger {@code org.eolearn.core.EOPatch}.
 *
 * <p>Timestamps distinguish "none" ({@code null}: the patch has no temporal definition) from "empty" (a patch
 * with zero frames).
 *
 * <pre>{@code
 * EOPatch patch = EOPatch.load(Path.of("TestEOPatch"));
 * INDArray ndvi = patch.getArray(FeatureType.DATA, "NDVI");          // (68, 101, 100, 1) float32
 * patch.put(FeatureType.MASK_TIMELESS, "WATER", waterMask);
 * EOPatch summer = patch.temporalSubset(t -> t.getMonthValue() >= 6 && t.getMonthValue() <= 8);
 * summer.save(Path.of("summer"), SaveOptions.defaults());
 * }</pre>
 *
 * <h2>Thread-safety</h2>
 * Not thread-safe: like eo-learn's, a patch is a mutable container owned by one task at a time (the workflow
 * hands each task a shallow copy). Lazily loaded values are read safely even when shared between copies.
 *
 * @since 0.1
 */
public final class EOPatch {

    private static final Logger LOG = LoggerFactory.getLogger(EOPatch.class);
    private static final int MAX_DATA_REPR_LEN = 100;

    private final EnumMap<FeatureType, LinkedHashMap<String, Object>> features = new EnumMap<>(FeatureType.class);
    private BBox bbox;
    private List<LocalDateTime> timestamps;

    /** Creates an empty patch without bbox and timestamps. */
    public EOPatch() {
    }

    /**
     * Creates an empty patch with a bbox and timestamps.
     *
     * @param bbox       the bounding box, may be null
     * @param timestamps the timestamps, may be null (no temporal definition)
     */
    public EOPatch(BBox bbox, List<LocalDateTime> timestamps) {
        this.bbox = bbox;
        setTimestamps(timestamps);
    }

    // ------------------------------------------------------------------ bbox and timestamps

    /**
     * Returns the bounding box.
     *
     * @return the bbox, or null if the patch has none
     */
    public BBox bbox() {
        return bbox;
    }

    /**
     * Sets the bounding box.
     *
     * @param bbox the bbox, may be null
     * @return this patch
     */
    public EOPatch setBbox(BBox bbox) {
        this.bbox = bbox;
        return this;
    }

    /**
     * Returns the timestamps.
     *
     * @return an unmodifiable list, or {@code null} when the patch has no temporal definition
     */
    public List<LocalDateTime> timestamps() {
        return timestamps;
    }

    /**
     * Returns the timestamps, failing when there are none (eo-learn's {@code get_timestamps()}).
     *
     * @return the timestamps
     * @throws IllegalStateException if the timestamps are null
     */
    public List<LocalDateTime> requireTimestamps() {
        if (timestamps == null) {
            throw new IllegalStateException("the patch has no timestamps (timestamps are null)");
        }
        return timestamps;
    }

    /**
     * Sets the timestamps (truncated to microseconds, as Python datetimes are) and re-checks the temporal
     * dimension of every loaded temporal array.
     *
     * @param newTimestamps the timestamps; {@code null} = no temporal definition, empty = zero frames
     * @return this patch
     */
    public EOPatch setTimestamps(List<LocalDateTime> newTimestamps) {
        if (newTimestamps == null) {
            this.timestamps = null;
        } else {
            List<LocalDateTime> copy = new ArrayList<>(newTimestamps.size());
            for (LocalDateTime t : newTimestamps) {
                copy.add(Objects.requireNonNull(t, "timestamps may not contain null").truncatedTo(ChronoUnit.MICROS));
            }
            this.timestamps = Collections.unmodifiableList(copy);
        }
        for (FeatureType type : features.keySet()) {
            if (type.isTemporal() && type.isArray()) {
                for (Map.Entry<String, Object> e : features.get(type).entrySet()) {
                    if (e.getValue() instanceof INDArray) {
                        checkTemporalDimension(type, e.getKey(), (INDArray) e.getValue());
                    }
                }
            }
        }
        return this;
    }

    // ------------------------------------------------------------------ access

    /**
     * Sets a feature after validating it.
     *
     * @param type  the feature type
     * @param name  the feature name
     * @param value an {@link INDArray} for array types, a {@link GeoTable} for vector types, a JSON-like value
     *              (null, Boolean, Number, String, List, Map, LocalDate, LocalDateTime) for META_INFO, or a
     *              {@link LazyValue}
     * @return this patch
     * @throws IllegalArgumentException if the value does not fit the type
     */
    public EOPatch put(FeatureType type, String name, Object value) {
        Objects.requireNonNull(type, "type");
        Feature.checkName(name);
        Object checked = value instanceof LazyValue ? value : validate(type, name, value);
        features.computeIfAbsent(type, t -> new LinkedHashMap<>()).put(name, checked);
        return this;
    }

    /**
     * Sets a feature after validating it.
     *
     * @param feature the feature (its output name is used)
     * @param value   the value, see {@link #put(FeatureType, String, Object)}
     * @return this patch
     */
    public EOPatch put(Feature feature, Object value) {
        return put(feature.type(), feature.outputName(), value);
    }

    /**
     * Returns a feature's value, loading it if it is lazy.
     *
     * @param type the feature type
     * @param name the feature name
     * @return the value
     * @throws IllegalArgumentException if the patch has no such feature
     * @throws java.io.UncheckedIOException if a lazy value cannot be read
     */
    public Object get(FeatureType type, String name) {
        Map<String, Object> map = features.get(type);
        if (map == null || !map.containsKey(name)) {
            throw new IllegalArgumentException("feature (" + type + ", " + name + ") is not in the patch"
                    + (map == null ? "" : "; " + type + " has " + map.keySet()));
        }
        Object v = map.get(name);
        if (v instanceof LazyValue) {
            LazyValue lazy = (LazyValue) v;
            if (!lazy.isLoaded()) {
                Object loaded = lazy.get();
                try {
                    validate(type, name, loaded);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("file " + lazy.path() + ": " + e.getMessage(), e);
                }
                return loaded;
            }
            return lazy.get();
        }
        return v;
    }

    /**
     * Returns a feature's value.
     *
     * @param feature the feature
     * @return the value
     */
    public Object get(Feature feature) {
        return get(feature.type(), feature.name());
    }

    /**
     * Returns an array feature.
     *
     * @param type an array type
     * @param name the name
     * @return the array
     */
    public INDArray getArray(FeatureType type, String name) {
        requireKind(type, FeatureType::isArray, "an array");
        return (INDArray) get(type, name);
    }

    /**
     * Returns a vector feature.
     *
     * @param type VECTOR or VECTOR_TIMELESS
     * @param name the name
     * @return the table
     */
    public GeoTable getVector(FeatureType type, String name) {
        requireKind(type, FeatureType::isVector, "a vector");
        return (GeoTable) get(type, name);
    }

    /**
     * Returns a META_INFO value.
     *
     * @param name the name
     * @return the value
     */
    public Object getMetaInfo(String name) {
        return get(FeatureType.META_INFO, name);
    }

    /**
     * Returns the stored value without loading a lazy one.
     *
     * @param type the type
     * @param name the name
     * @return the value or its {@link LazyValue}
     */
    public Object getRaw(FeatureType type, String name) {
        if (!contains(type, name)) {
            throw new IllegalArgumentException("feature (" + type + ", " + name + ") is not in the patch");
        }
        return features.get(type).get(name);
    }

    /**
     * Tells whether the patch has a feature.
     *
     * @param type the type
     * @param name the name
     * @return whether present
     */
    public boolean contains(FeatureType type, String name) {
        Map<String, Object> map = features.get(type);
        return map != null && map.containsKey(name);
    }

    /**
     * Tells whether the patch has a feature.
     *
     * @param feature the feature
     * @return whether present
     */
    public boolean contains(Feature feature) {
        return contains(feature.type(), feature.name());
    }

    /**
     * Tells whether the patch has any feature of a type (eo-learn's {@code ft in eopatch}).
     *
     * @param type the type
     * @return whether the type is non-empty
     */
    public boolean contains(FeatureType type) {
        Map<String, Object> map = features.get(type);
        return map != null && !map.isEmpty();
    }

    /**
     * Returns the names of a type's features in insertion order.
     *
     * @param type the type
     * @return a snapshot of the names
     */
    public List<String> names(FeatureType type) {
        Map<String, Object> map = features.get(type);
        return map == null ? List.of() : List.copyOf(map.keySet());
    }

    /**
     * Removes a feature.
     *
     * @param type the type
     * @param name the name
     * @return this patch
     * @throws IllegalArgumentException if there is no such feature
     */
    public EOPatch remove(FeatureType type, String name) {
        if (!contains(type, name)) {
            throw new IllegalArgumentException("cannot remove (" + type + ", " + name + "): not in the patch");
        }
        features.get(type).remove(name);
        if (features.get(type).isEmpty()) {
            features.remove(type);
        }
        return this;
    }

    /**
     * Removes a feature.
     *
     * @param feature the feature
     * @return this patch
     */
    public EOPatch remove(Feature feature) {
        return remove(feature.type(), feature.name());
    }

    /**
     * Removes every feature of a type (eo-learn's {@code del eopatch[ft]}).
     *
     * @param type the type
     * @return this patch
     */
    public EOPatch removeAll(FeatureType type) {
        features.remove(type);
        return this;
    }

    /**
     * Returns every feature, types in enum order and names in insertion order (bbox and timestamps excluded).
     *
     * @return the features
     */
    public List<Feature> getFeatures() {
        List<Feature> out = new ArrayList<>();
        for (Map.Entry<FeatureType, LinkedHashMap<String, Object>> e : features.entrySet()) {
            for (String name : e.getValue().keySet()) {
                out.add(Feature.of(e.getKey(), name));
            }
        }
        return out;
    }

    /**
     * Tells whether the patch has no features, no bbox and no timestamps.
     *
     * @return whether empty
     */
    public boolean isEmpty() {
        return features.isEmpty() && bbox == null && timestamps == null;
    }

    /**
     * Returns the (height, width) of an image feature.
     *
     * @param type an image type (DATA, MASK, DATA_TIMELESS, MASK_TIMELESS)
     * @param name the name
     * @return {@code {height, width}}
     * @throws IllegalArgumentException for other types
     */
    public int[] getSpatialDimension(FeatureType type, String name) {
        requireKind(type, FeatureType::isImage, "a raster image");
        long[] shape = getArray(type, name).shape();
        return type.isTemporal() ? new int[] {(int) shape[1], (int) shape[2]}
                : new int[] {(int) shape[0], (int) shape[1]};
    }

    // ------------------------------------------------------------------ copies and subsets

    /**
     * Returns a shallow copy: new containers holding the same values (lazy values are shared, not loaded).
     *
     * @return the copy
     */
    public EOPatch copy() {
        return copy(FeatureSpec.all(), false);
    }

    /**
     * Returns a deep copy: arrays are duplicated, loaded lazy values too.
     *
     * @return the copy
     */
    public EOPatch deepCopy() {
        return copy(FeatureSpec.all(), true);
    }

    /**
     * Copies some features, eo-learn's {@code copy(features, deep, copy_timestamps="auto")}: timestamps are
     * copied when all features are copied or any temporal feature is. The bbox is always copied.
     *
     * @param spec the features to copy
     * @param deep whether to duplicate the values
     * @return the copy
     */
    public EOPatch copy(FeatureSpec spec, boolean deep) {
        return copy(spec, deep, null);
    }

    /**
     * Copies some features with an explicit timestamps choice.
     *
     * @param spec           the features to copy
     * @param deep           whether to duplicate the values
     * @param copyTimestamps {@code null} for eo-learn's "auto" rule, otherwise whether to copy the timestamps
     * @return the copy
     */
    public EOPatch copy(FeatureSpec spec, boolean deep, Boolean copyTimestamps) {
        List<Feature> selected = new FeatureParser(spec).getFeatures(this).stream().distinct().toList();
        boolean withTimes = copyTimestamps != null ? copyTimestamps
                : spec.isAll() || selected.stream().anyMatch(f -> f.type().isTemporal());
        return copy(selected, deep, withTimes);
    }

    private EOPatch copy(List<Feature> selected, boolean deep, boolean copyTimestamps) {
        EOPatch out = new EOPatch();
        out.bbox = bbox;
        out.timestamps = copyTimestamps ? timestamps : null;
        for (Feature f : selected) {
            Object v = features.get(f.type()).get(f.name());
            if (deep) {
                v = deepCopyValue(v);
            }
            out.features.computeIfAbsent(f.type(), t -> new LinkedHashMap<>()).put(f.name(), v);
        }
        return out;
    }

    private static Object deepCopyValue(Object v) {
        if (v instanceof LazyValue) {
            LazyValue lazy = (LazyValue) v;
            Object loaded = lazy.peek();
            return lazy.withValue(loaded == null ? null : deepCopyValue(loaded));
        }
        if (v instanceof INDArray) {
            return ((INDArray) v).dup('c');
        }
        return MetaInfo.deepCopy(v);
    }

    /**
     * Returns a new patch with the frames at the given indices (eo-learn's {@code temporal_subset} with a list
     * of indices). Timeless and meta features are shared; temporal arrays are sliced; temporal vectors keep the
     * rows whose TIMESTAMP is among the new timestamps.
     *
     * @param indices frame indices, each in {@code [0, timestamps.size())}
     * @return the subset
     */
    public EOPatch temporalSubset(int[] indices) {
        List<LocalDateTime> ts = requireTimestamps();
        List<LocalDateTime> newTs = new ArrayList<>(indices.length);
        for (int i : indices) {
            if (i < 0 || i >= ts.size()) {
                throw new IllegalArgumentException("temporal subset index " + i + " is out of range for "
                        + ts.size() + " timestamps");
            }
            newTs.add(ts.get(i));
        }
        EOPatch out = new EOPatch();
        out.bbox = bbox;
        out.timestamps = Collections.unmodifiableList(newTs);
        Set<LocalDateTime> kept = new HashSet<>(newTs);
        for (Feature f : getFeatures()) {
            Object v;
            if (f.type().isTemporal() && f.type().isArray()) {
                v = selectFrames(getArray(f.type(), f.name()), indices);
            } else if (f.type() == FeatureType.VECTOR) {
                GeoTable table = getVector(f.type(), f.name());
                List<Object> times = table.column(GeoTable.TIMESTAMP).values();
                v = table.filter(r -> kept.contains(times.get(r)));
            } else {
                v = features.get(f.type()).get(f.name());
            }
            out.features.computeIfAbsent(f.type(), t -> new LinkedHashMap<>()).put(f.name(), v);
        }
        return out;
    }

    /**
     * Returns a new patch with the frames whose timestamps are among the given dates, in the patch's order, as
     * eo-learn's {@code temporal_subset}: dates that are not timestamps of the patch select nothing, a date given
     * twice selects its frame once.
     *
     * @param dates the timestamps to keep
     * @return the subset
     */
    public EOPatch temporalSubset(List<LocalDateTime> dates) {
        List<LocalDateTime> ts = requireTimestamps();
        Set<LocalDateTime> wanted = new HashSet<>();
        for (LocalDateTime d : dates) {
            wanted.add(d.truncatedTo(ChronoUnit.MICROS));
        }
        return temporalSubset(java.util.stream.IntStream.range(0, ts.size()).filter(i -> wanted.contains(ts.get(i)))
                .toArray());
    }

    /**
     * Returns a new patch with the frames whose timestamps pass a predicate.
     *
     * @param keep the predicate
     * @return the subset
     */
    public EOPatch temporalSubset(Predicate<LocalDateTime> keep) {
        List<LocalDateTime> ts = requireTimestamps();
        return temporalSubset(java.util.stream.IntStream.range(0, ts.size()).filter(i -> keep.test(ts.get(i)))
                .toArray());
    }

    /**
     * Returns the frames of a temporal array at the given indices, as a new C-ordered array of the same dtype.
     *
     * @param array   an array whose first dimension is time
     * @param indices frame indices
     * @return the selected frames
     */
    public static INDArray selectFrames(INDArray array, int[] indices) {
        return NdArrays.take(array, 0, indices);
    }

    // ------------------------------------------------------------------ merge, save, load

    /**
     * Merges patches with eo-learn's default operations (values at equal timestamps must be equal).
     *
     * @param others the patches to merge with this one
     * @return the merged patch
     */
    public EOPatch merge(EOPatch... others) {
        List<EOPatch> all = new ArrayList<>();
        all.add(this);
        all.addAll(Arrays.asList(others));
        return EOPatches.merge(all, FeatureSpec.all(), MergeOperation.equal(), MergeOperation.equal());
    }

    /**
     * Saves every feature in eo-learn's format with the defaults of {@link SaveOptions#defaults()} (gzip,
     * ADD_ONLY).
     *
     * @param path the patch folder
     * @throws IOException if writing fails; the folder is then as it was before
     */
    public void save(Path path) throws IOException {
        EOPatchIO.save(this, path, SaveOptions.defaults());
    }

    /**
     * Saves in eo-learn's format.
     *
     * @param path    the patch folder
     * @param options what and how to save
     * @throws IOException if writing fails; the folder is then as it was before
     */
    public void save(Path path, SaveOptions options) throws IOException {
        EOPatchIO.save(this, path, options);
    }

    /**
     * Loads every feature of a patch eagerly.
     *
     * @param path the patch folder
     * @return the patch
     * @throws IOException if the folder does not exist or a file is malformed (the message names the file)
     */
    public static EOPatch load(Path path) throws IOException {
        return EOPatchIO.load(path, LoadOptions.defaults());
    }

    /**
     * Loads a patch.
     *
     * @param path    the patch folder
     * @param options which features, lazily or not
     * @return the patch
     * @throws IOException if the folder does not exist or a file is malformed (the message names the file)
     */
    public static EOPatch load(Path path, LoadOptions options) throws IOException {
        return EOPatchIO.load(path, options);
    }

    // ------------------------------------------------------------------ equality and printing

    /**
     * eo-learn's equality: same bbox, same timestamps and, for every feature type, the same names with equal
     * values (arrays: same dtype and shape, NaN at the same positions, other values equal).
     *
     * @param o another object
     * @return whether equal
     */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof EOPatch)) {
            return false;
        }
        EOPatch p = (EOPatch) o;
        if (!Objects.equals(bbox, p.bbox) || !Objects.equals(timestamps, p.timestamps)) {
            return false;
        }
        for (FeatureType type : FeatureType.values()) {
            if (!new HashSet<>(names(type)).equals(new HashSet<>(p.names(type)))) {
                return false;
            }
            for (String name : names(type)) {
                if (!valueEquals(get(type, name), p.get(type, name))) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Tells whether two feature values are equal by eo-learn's {@code deep_eq} rules.
     *
     * @param a a value
     * @param b another value
     * @return whether equal
     */
    public static boolean valueEquals(Object a, Object b) {
        if (a instanceof INDArray && b instanceof INDArray) {
            return NdArrays.nanEquals((INDArray) a, (INDArray) b);
        }
        if (a instanceof INDArray || b instanceof INDArray) {
            return false;
        }
        return MetaInfo.jsonEquals(a, b);
    }

    /**
     * Hashes the bbox, timestamps and feature names (not the values).
     *
     * @return the hash
     */
    @Override
    public int hashCode() {
        return Objects.hash(bbox, timestamps, getFeatures());
    }

    /**
     * Returns eo-learn's repr: bbox, timestamps and each feature type (in enum order) with its features sorted
     * by name, arrays as {@code numpy.ndarray(shape=(...), dtype=...)}.
     *
     * @return the description
     */
    @Override
    public String toString() {
        return repr(false);
    }

    /**
     * Returns eo-learn's repr as it reads after loading every feature, without loading the arrays: a lazily loaded
     * array is described from its NPY header (shape and dtype), other lazy values are loaded. This is what
     * {@code eolearn info} prints; {@link #toString()} shows unloaded values as eo-learn does
     * ({@code FeatureIO(<path>)}).
     *
     * @return the description
     * @throws java.io.UncheckedIOException if a header or a non-array value cannot be read
     */
    public String describe() {
        return repr(true);
    }

    private String repr(boolean describeLazy) {
        List<String> parts = new ArrayList<>();
        if (bbox != null) {
            parts.add("bbox=" + bbox);
        }
        if (timestamps != null) {
            List<String> ts = new ArrayList<>();
            for (LocalDateTime t : timestamps) {
                ts.add(PyFormat.datetime(t));
            }
            parts.add("timestamps=" + reprList(ts));
        }
        for (Map.Entry<FeatureType, LinkedHashMap<String, Object>> e : features.entrySet()) {
            parts.add(e.getKey().value() + "={");
            for (Map.Entry<String, Object> f : new TreeMap<>(e.getValue()).entrySet()) {
                parts.add("  " + f.getKey() + ": " + reprValue(f.getValue(), describeLazy));
            }
            parts.add("}");
        }
        if (parts.isEmpty()) {
            return "EOPatch()";
        }
        return "EOPatch(\n  " + String.join("\n  ", parts) + "\n)";
    }

    private static String reprValue(Object v, boolean describeLazy) {
        if (v instanceof LazyValue) {
            LazyValue lazy = (LazyValue) v;
            if (!lazy.isLoaded()) {
                if (!describeLazy) {
                    return lazy.toString();
                }
                String header = lazy.describe();
                if (header != null) {
                    return header;
                }
            }
            v = lazy.get();
        }
        if (v instanceof INDArray) {
            INDArray a = (INDArray) v;
            return PyFormat.ndarray(a.shape(), DType.of(a).numpyName());
        }
        if (v instanceof GeoTable) {
            return v.toString();
        }
        if (v instanceof List && !((List<?>) v).isEmpty()) {
            List<String> items = new ArrayList<>();
            for (Object o : (List<?>) v) {
                items.add(PyFormat.value(o));
            }
            return reprList(items);
        }
        return PyFormat.value(v);
    }

    private static String reprList(List<String> items) {
        String full = "[" + String.join(", ", items) + "]";
        if (full.length() <= MAX_DATA_REPR_LEN || items.isEmpty()) {
            return full;
        }
        String s = full;
        if (items.size() > 2) {
            s = "[" + items.get(0) + ", ..., " + items.get(items.size() - 1) + "]";
        }
        if (s.length() > MAX_DATA_REPR_LEN && items.size() > 1) {
            s = "[" + items.get(0) + ", ...]";
        }
        if (s.length() > MAX_DATA_REPR_LEN) {
            s = "<class 'list'>";
        }
        return s + "<length=" + items.size() + ">";
    }

    // ------------------------------------------------------------------ validation

    private static void requireKind(FeatureType type, Predicate<FeatureType> kind, String what) {
        if (!kind.test(type)) {
            throw new IllegalArgumentException("feature type " + type + " does not hold " + what);
        }
    }

    private Object validate(FeatureType type, String name, Object value) {
        if (type.isArray()) {
            if (!(value instanceof INDArray)) {
                throw new IllegalArgumentException("feature (" + type + ", " + name + ") must be an INDArray, got "
                        + (value == null ? "null" : value.getClass().getSimpleName()));
            }
            INDArray array = (INDArray) value;
            if (array.rank() != type.ndim()) {
                throw new IllegalArgumentException("feature (" + type + ", " + name + ") must have " + type.ndim()
                        + " dimensions, got shape " + Arrays.toString(array.shape()));
            }
            DType dtype = DType.of(array);
            if (type.isDiscrete() && !dtype.isDiscrete()) {
                throw new IllegalArgumentException("feature (" + type + ", " + name + ") of a discrete type must "
                        + "have an integer or bool dtype, got " + dtype.numpyName());
            }
            if (type.isTemporal()) {
                checkTemporalDimension(type, name, array);
            }
            return array;
        }
        if (type.isVector()) {
            if (!(value instanceof GeoTable)) {
                throw new IllegalArgumentException("feature (" + type + ", " + name + ") must be a GeoTable, got "
                        + (value == null ? "null" : value.getClass().getSimpleName()));
            }
            GeoTable table = (GeoTable) value;
            if (type == FeatureType.VECTOR && !table.hasColumn(GeoTable.TIMESTAMP)) {
                throw new IllegalArgumentException("feature (" + type + ", " + name + ") is a temporal vector and "
                        + "must have a " + GeoTable.TIMESTAMP + " column; columns are " + table.columnNames());
            }
            return table;
        }
        MetaInfo.check(name, value);
        return value;
    }

    private static final ThreadLocal<Boolean> TEMPORAL_MISMATCH_IS_ERROR = ThreadLocal.withInitial(() -> false);

    /**
     * Runs code with temporal-dimension mismatches raised as errors instead of logged as warnings on this thread
     * (eo-learn's executor option {@code raise_on_temporal_mismatch}).
     *
     * @param action the code
     * @param <T>    its result type
     * @return its result
     */
    public static <T> T withTemporalMismatchAsError(java.util.function.Supplier<T> action) {
        boolean before = TEMPORAL_MISMATCH_IS_ERROR.get();
        TEMPORAL_MISMATCH_IS_ERROR.set(true);
        try {
            return action.get();
        } finally {
            TEMPORAL_MISMATCH_IS_ERROR.set(before);
        }
    }

    private void checkTemporalDimension(FeatureType type, String name, INDArray array) {
        if (TEMPORAL_MISMATCH_IS_ERROR.get() && (timestamps == null || array.size(0) != timestamps.size())) {
            throw new IllegalArgumentException("TemporalDimensionWarning raised as an error: feature (" + type + ", "
                    + name + ") has temporal dimension " + array.size(0) + " but the patch has "
                    + (timestamps == null ? "no" : timestamps.size()) + " timestamps");
        }
        if (timestamps == null) {
            LOG.warn("TemporalDimensionWarning: temporal feature ({}, {}) set on a patch without timestamps",
                    type, name);
        } else if (array.size(0) != timestamps.size()) {
            LOG.warn("TemporalDimensionWarning: feature ({}, {}) has temporal dimension {} but the patch has {} "
                    + "timestamps", type, name, array.size(0), timestamps.size());
        }
    }
}
