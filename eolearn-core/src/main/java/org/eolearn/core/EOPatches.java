package org.eolearn.core;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Operations on several patches, first of all eo-learn's {@code merge_eopatches}.
 *
 * @since 0.1
 */
public final class EOPatches {

    private static final Logger LOG = LoggerFactory.getLogger(EOPatches.class);

    private EOPatches() {
    }

    /**
     * Merges patches into a new patch, eo-learn's {@code merge_eopatches(*eops, features, time_dependent_op,
     * timeless_op)}.
     *
     * <ul>
     *   <li>Features: the union of the features the specification selects in each patch.</li>
     *   <li>Timestamps: all null gives null; otherwise the sorted timestamps of all patches, unique unless the
     *       temporal operation is {@link MergeOperation#concatenate()}.</li>
     *   <li>Temporal arrays: the frames of all patches that have the feature, sorted by timestamp; frames with
     *       equal timestamps are joined with {@code temporalOp}. An array whose time dimension differs from its
     *       patch's number of timestamps is an error.</li>
     *   <li>Timeless arrays: a single occurrence is kept; several are joined with {@code timelessOp}.</li>
     *   <li>Vectors: concatenated (the CRS must agree), then duplicate rows dropped.</li>
     *   <li>META_INFO: the first value (a warning is logged when the values differ).</li>
     *   <li>BBox: all non-null boxes must be equal.</li>
     * </ul>
     *
     * <p>Difference from eo-learn 1.5.6, on purpose: with {@code concatenate}, eo-learn orders the frames with the
     * inverse of the sorting permutation, which puts frames out of time order whenever that permutation is not
     * its own inverse; here frames always end up in timestamp order (equal timestamps keep patch order). Both
     * agree whenever eo-learn's result is in time order.
     *
     * @param patches    the patches, at least one
     * @param spec       which features to merge
     * @param temporalOp the operation for temporal arrays
     * @param timelessOp the operation for timeless arrays
     * @return the merged patch
     * @throws IllegalArgumentException if bboxes differ, values conflict under {@link MergeOperation#equal()} or
     *                                  a temporal array does not match its timestamps
     */
    public static EOPatch merge(List<EOPatch> patches, FeatureSpec spec, MergeOperation temporalOp,
                                MergeOperation timelessOp) {
        if (patches.isEmpty()) {
            throw new IllegalArgumentException("merge needs at least one patch");
        }
        FeatureParser parser = new FeatureParser(spec);
        Set<Feature> all = new LinkedHashSet<>();
        for (EOPatch p : patches) {
            all.addAll(parser.getFeatures(p));
        }

        boolean reduce = temporalOp.kind() != MergeOperation.Kind.CONCATENATE;
        List<int[]> orderMasks = new ArrayList<>();
        List<LocalDateTime> timestamps = mergeTimestamps(patches, reduce, orderMasks);
        boolean optimize = temporalOp.kind() != MergeOperation.Kind.CONCATENATE
                && temporalOp.kind() != MergeOperation.Kind.CUSTOM && allTimestampsEqual(patches);

        EOPatch merged = new EOPatch(commonBbox(patches), timestamps);
        for (Feature f : all) {
            FeatureType type = f.type();
            Object value;
            if (type.isArray() && type.isTemporal()) {
                value = mergeTemporal(patches, f, temporalOp, orderMasks, optimize);
            } else if (type.isArray()) {
                value = mergeTimeless(patches, f, timelessOp);
            } else if (type.isVector()) {
                value = mergeVector(patches, f);
            } else {
                value = mergeMetaInfo(patches, f);
            }
            merged.put(f, value);
        }
        return merged;
    }

    private static List<LocalDateTime> mergeTimestamps(List<EOPatch> patches, boolean reduce, List<int[]> masks) {
        if (patches.stream().allMatch(p -> p.timestamps() == null)) {
            patches.forEach(p -> masks.add(new int[0]));
            return null;
        }
        List<LocalDateTime> all = new ArrayList<>();
        for (EOPatch p : patches) {
            if (p.timestamps() != null) {
                all.addAll(p.timestamps());
            }
        }
        if (all.isEmpty()) {
            patches.forEach(p -> masks.add(new int[0]));
            return List.of();
        }
        int[] order = new int[all.size()];
        List<LocalDateTime> result;
        if (reduce) {
            result = new ArrayList<>(new TreeSet<>(all));
            for (int i = 0; i < order.length; i++) {
                order[i] = java.util.Collections.binarySearch(result, all.get(i));
            }
        } else {
            Integer[] idx = new Integer[all.size()];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = i;
            }
            Arrays.sort(idx, Comparator.comparing(all::get)); // stable
            result = new ArrayList<>();
            for (int rank = 0; rank < idx.length; rank++) {
                order[idx[rank]] = rank;
                result.add(all.get(idx[rank]));
            }
        }
        int pos = 0;
        for (EOPatch p : patches) {
            int n = p.timestamps() == null ? 0 : p.timestamps().size();
            masks.add(Arrays.copyOfRange(order, pos, pos + n));
            pos += n;
        }
        return result;
    }

    private static boolean allTimestampsEqual(List<EOPatch> patches) {
        for (EOPatch p : patches) {
            if (!Objects.equals(p.timestamps(), patches.get(0).timestamps())) {
                return false;
            }
        }
        return true;
    }

    private static INDArray mergeTemporal(List<EOPatch> patches, Feature f, MergeOperation op, List<int[]> masks,
                                          boolean optimize) {
        List<INDArray> arrays = new ArrayList<>();
        List<int[]> arrayMasks = new ArrayList<>();
        for (int i = 0; i < patches.size(); i++) {
            EOPatch p = patches.get(i);
            if (!p.contains(f)) {
                continue;
            }
            INDArray a = p.getArray(f.type(), f.name());
            if (masks.get(i).length != a.size(0)) {
                throw new IllegalArgumentException("cannot merge the time-dependent feature " + f + ": the time "
                        + "dimension of its array is " + a.size(0) + " but the patch has " + masks.get(i).length
                        + " timestamps");
            }
            arrays.add(a);
            arrayMasks.add(masks.get(i));
        }
        INDArray merged;
        int[] mask;
        if (arrays.size() == 1 || (optimize && allArraysEqual(arrays))) {
            merged = arrays.get(0);
            mask = arrayMasks.get(0);
        } else {
            merged = NdArrays.concat(0, arrays);
            mask = arrayMasks.stream().flatMapToInt(Arrays::stream).toArray();
        }
        if (strictlyIncreasing(mask)) {
            return merged;
        }
        Integer[] sort = new Integer[mask.length];
        for (int i = 0; i < sort.length; i++) {
            sort[i] = i;
        }
        final int[] m = mask;
        Arrays.sort(sort, Comparator.comparingInt(i -> m[i]));
        int[] sortIdx = Arrays.stream(sort).mapToInt(Integer::intValue).toArray();
        int[] sortedMask = Arrays.stream(sortIdx).map(i -> m[i]).toArray();
        if (strictlyIncreasing(sortedMask)) {
            return EOPatch.selectFrames(merged, sortIdx);
        }
        List<INDArray> groups = new ArrayList<>();
        int start = 0;
        try {
            for (int i = 1; i <= sortedMask.length; i++) {
                if (i == sortedMask.length || sortedMask[i] != sortedMask[start]) {
                    List<INDArray> frames = new ArrayList<>();
                    for (int k = start; k < i; k++) {
                        frames.add(frame(merged, sortIdx[k]));
                    }
                    groups.add(op.reduce(frames));
                    start = i;
                }
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("failed to merge " + f + " with time-dependent operation " + op + ": "
                    + e.getMessage(), e);
        }
        return NdArrays.stack(groups);
    }

    private static INDArray frame(INDArray array, int index) {
        INDArray one = EOPatch.selectFrames(array, new int[] {index});
        return one.reshape('c', Arrays.copyOfRange(one.shape(), 1, one.rank()));
    }

    private static INDArray mergeTimeless(List<EOPatch> patches, Feature f, MergeOperation op) {
        List<INDArray> arrays = new ArrayList<>();
        for (EOPatch p : patches) {
            if (p.contains(f)) {
                arrays.add(p.getArray(f.type(), f.name()));
            }
        }
        if (arrays.size() == 1) {
            return arrays.get(0);
        }
        try {
            if (op.kind() == MergeOperation.Kind.CONCATENATE) {
                return NdArrays.concat(-1, arrays);
            }
            return op.reduce(arrays);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("failed to merge " + f + " with timeless operation " + op + ": "
                    + e.getMessage(), e);
        }
    }

    private static GeoTable mergeVector(List<EOPatch> patches, Feature f) {
        List<GeoTable> tables = new ArrayList<>();
        for (EOPatch p : patches) {
            if (p.contains(f)) {
                tables.add(p.getVector(f.type(), f.name()));
            }
        }
        if (tables.size() == 1) {
            return tables.get(0);
        }
        CRS crs = null;
        for (GeoTable t : tables) {
            if (t.crs() != null) {
                if (crs != null && !crs.equals(t.crs())) {
                    throw new IllegalArgumentException("cannot merge feature " + f + " because its tables are in "
                            + "different CRS: " + crs + " and " + t.crs());
                }
                crs = t.crs();
            }
        }
        List<GeoTable> same = new ArrayList<>();
        for (GeoTable t : tables) {
            same.add(t.withCrs(crs));
        }
        return GeoTable.concat(same).dropDuplicates();
    }

    private static Object mergeMetaInfo(List<EOPatch> patches, Feature f) {
        List<Object> values = new ArrayList<>();
        for (EOPatch p : patches) {
            if (p.contains(f)) {
                values.add(p.get(f));
            }
        }
        for (Object v : values) {
            if (!EOPatch.valueEquals(values.get(0), v)) {
                LOG.warn("EORuntimeWarning: patches have different values of meta info feature {}; the first value "
                        + "is used in the merged patch", f.name());
                break;
            }
        }
        return values.get(0);
    }

    private static BBox commonBbox(List<EOPatch> patches) {
        BBox common = null;
        for (EOPatch p : patches) {
            if (p.bbox() != null) {
                if (common != null && !common.equals(p.bbox())) {
                    throw new IllegalArgumentException("cannot merge patches with different bounding boxes: " + common
                            + " and " + p.bbox());
                }
                common = p.bbox();
            }
        }
        return common;
    }

    private static boolean allArraysEqual(List<INDArray> arrays) {
        for (INDArray a : arrays) {
            if (!NdArrays.nanEquals(arrays.get(0), a)) {
                return false;
            }
        }
        return true;
    }

    private static boolean strictlyIncreasing(int[] values) {
        for (int i = 1; i < values.length; i++) {
            if (values[i] <= values[i - 1]) {
                return false;
            }
        }
        return true;
    }
}
