package org.eolearn.ml.sampling;

import static org.eolearn.core.testing.differential.Differential.feature;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.eolearn.core.DType;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureType;
import org.eolearn.core.NdArrays;
import org.eolearn.core.testing.ParityCase;
import org.eolearn.core.testing.differential.Differential;
import org.eolearn.core.testing.differential.Differential.Case;
import org.eolearn.core.testing.differential.RandomPatches;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code FractionSamplingTask}, {@code BlockSamplingTask} and {@code GridSamplingTask} against eo-learn 1.5.6 on random
 * inputs (see {@link Differential}).
 *
 * <p>eo-learn draws with numpy's generator, which the project does not reproduce, so the random tasks are compared on
 * what does not depend on it: the shapes and dtypes of every sampled feature, that each side's samples are the input's
 * values at the sampled positions (read from a sampled feature of pixel indices), that each side's mask of samples
 * counts those positions, the number of samples of each mask value (FractionSampling) and of blocks
 * (BlockSampling), the blocks' geometry, no position drawn twice without replacement, and the positions themselves
 * wherever the draw is forced (every pixel of a value, every corner). {@code GridSamplingTask} is deterministic and
 * compared exactly.
 */
class SamplingDifferentialTest {

    private static final String INDEX = "PIXEL_INDEX";
    private static final FeatureType[] IMAGE_TYPES = {FeatureType.DATA, FeatureType.MASK, FeatureType.DATA_TIMELESS,
        FeatureType.MASK_TIMELESS};

    /** The features a case samples: (type, name, new name), and the feature of pixel indices if sampled. */
    private record Sampled(List<Feature> features, Feature index, boolean all) {
    }

    /**
     * Adds 1-3 image features of random types and dtypes (sometimes one of another size) and, mostly, a timeless
     * feature of pixel indices, and writes features_to_sample (a list with renames, or "..." when sizes agree).
     */
    private static Sampled imageFeatures(RandomPatches rp, Case c, EOPatch p, int frames, int h, int w,
                                         boolean oddSizes) {
        List<Feature> list = new ArrayList<>();
        int n = 1 + rp.random().nextInt(3);
        boolean odd = oddSizes && rp.random().nextInt(10) == 0;
        for (int i = 0; i < n; i++) {
            FeatureType type = rp.pick(IMAGE_TYPES);
            DType dtype = rp.pick(RandomPatches.dtypes(type));
            int fh = odd && i == n - 1 ? Math.max(1, h + rp.pick(-1, 1)) : h;
            String name = "F" + i;
            p.put(type, name, rp.array(dtype, RandomPatches.shapeOf(type, frames, fh, w, 1 + rp.random().nextInt(3))));
            list.add(Feature.of(type, name, name + "_S"));
        }
        Feature index = null;
        if (rp.random().nextInt(8) != 0) {
            long[] idx = new long[h * w];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = i;
            }
            p.put(FeatureType.DATA_TIMELESS, INDEX, NdArrays.fromLongs(DType.INT32, new long[] {h, w, 1}, idx));
            index = Feature.of(FeatureType.DATA_TIMELESS, INDEX, INDEX + "_S");
            list.add(rp.random().nextInt(list.size() + 1), index);
        }
        boolean all = !odd && rp.random().nextInt(6) == 0;
        if (all) {
            c.init().put("features_to_sample", "...");
            List<Feature> inPlace = new ArrayList<>();
            for (Feature f : list) {
                inPlace.add(Feature.of(f.type(), f.name(), f.name()));
            }
            list = inPlace;
            index = index == null ? null : Feature.of(index.type(), index.name(), index.name());
        } else {
            ArrayNode spec = c.init().putArray("features_to_sample");
            for (Feature f : list) {
                spec.add(feature(f.type(), f.name(), f.newName()));
            }
            int bad = rp.random().nextInt(30);
            if (bad == 0) {
                spec.add(feature(FeatureType.SCALAR, "F0")); // not an image feature: both refuse
            } else if (bad == 1) {
                spec.add(feature(FeatureType.DATA, "MISSING", "MISSING_S")); // not in the patch: both refuse
            }
        }
        return new Sampled(list, index, all);
    }

    private static String key(FeatureType type, String name) {
        return type.value() + "/" + name;
    }

    /** The mask_of_samples parameter: mostly absent or MASK_TIMELESS, sometimes of a type eo-learn refuses. */
    private static Feature maskOfSamples(RandomPatches rp, Case c) {
        int k = rp.random().nextInt(12);
        if (k < 5) {
            return null;
        }
        Feature f = Feature.of(k == 11 ? FeatureType.MASK : FeatureType.MASK_TIMELESS, "SAMPLES");
        c.init().set("mask_of_samples", feature(f.type(), f.name()));
        return f;
    }

    private static void seed(RandomPatches rp, Case c) {
        int k = rp.random().nextInt(20);
        if (k < 14) {
            c.execute().put("seed", rp.random().nextInt(1000));
        } else if (k == 14) {
            c.execute().put("seed", rp.pick(0L, Long.MAX_VALUE, 1L << 40));
        } else if (k == 15) {
            c.execute().put("seed", -1 - rp.random().nextInt(5)); // numpy refuses negative seeds
        } else if (k == 16) {
            c.execute().put("seed", 1.5); // and fractional ones
        } else if (k == 17) {
            c.execute().put("seed", rp.random().nextBoolean()); // a boolean is an integer to numpy
        }
        // else no seed
    }

    /** Positions (row-major pixel indices) of a side's samples, in the sampled layout, or null without the index. */
    private static long[] positions(EOPatch result, Sampled s) {
        if (s.index() == null || !result.contains(FeatureType.DATA_TIMELESS, s.index().newName())) {
            return null;
        }
        return NdArrays.toLongs(result.getArray(FeatureType.DATA_TIMELESS, s.index().newName()));
    }

    /**
     * The checks both random tasks share, on each side: sampled shapes and dtypes equal across sides, samples equal
     * to the input at the positions, the mask of samples counting the positions.
     */
    private static void checkSamples(String side, EOPatch input, EOPatch result, EOPatch other, Sampled s,
                                     Feature mask, int h, int w) {
        long[] pos = positions(result, s);
        int gridWidth = -1;
        if (pos != null) {
            INDArray idx = result.getArray(FeatureType.DATA_TIMELESS, s.index().newName());
            gridWidth = (int) idx.size(1);
        }
        for (Feature f : s.features()) {
            INDArray out = result.getArray(f.type(), f.newName());
            INDArray theirs = other.getArray(f.type(), f.newName());
            if (!Arrays.equals(out.shape(), theirs.shape()) || DType.of(out) != DType.of(theirs)) {
                throw new AssertionError(f.newName() + ": shape/dtype " + Arrays.toString(out.shape()) + " "
                        + DType.of(out) + " vs " + Arrays.toString(theirs.shape()) + " " + DType.of(theirs));
            }
            if (pos != null) {
                INDArray in = input.getArray(f.type(), f.name());
                int[] rows = new int[pos.length];
                int[] cols = new int[pos.length];
                for (int i = 0; i < pos.length; i++) {
                    rows[i] = (int) (pos[i] / w);
                    cols[i] = (int) (pos[i] % w);
                }
                INDArray expected = Sampling.take(in, new Sampling.Grid(rows, cols, gridWidth));
                ParityCase.assertFeatureMatches(side + " " + f.newName() + " at the sampled positions", f.type(), out,
                        expected, com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.textNode("exact"));
            }
        }
        if (mask != null && pos != null && result.contains(mask)) {
            INDArray m = result.getArray(mask.type(), mask.name());
            int mh = (int) m.size(0);
            int mw = (int) m.size(1);
            if (mh == h && mw == w) {
                int[] rows = new int[pos.length];
                int[] cols = new int[pos.length];
                for (int i = 0; i < pos.length; i++) {
                    rows[i] = (int) (pos[i] / w);
                    cols[i] = (int) (pos[i] % w);
                }
                ParityCase.assertFeatureMatches(side + " mask of samples", mask.type(), m,
                        Sampling.maskOfSamples(h, w, new Sampling.Grid(rows, cols, 1)),
                        com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.textNode("exact"));
            }
        }
    }

    private static List<String> keys(Sampled s, Feature mask) {
        List<String> keys = new ArrayList<>();
        for (Feature f : s.features()) {
            keys.add(key(f.type(), f.newName()));
        }
        if (mask != null) {
            keys.add(key(mask.type(), mask.name()));
        }
        return keys;
    }

    /** Per mask value, the sorted positions sampled (from the index) or, without it, the count from the mask. */
    private static Map<Long, List<Long>> perValue(long[] labels, long[] pos) {
        Map<Long, List<Long>> out = new TreeMap<>();
        for (long p : pos) {
            out.computeIfAbsent(labels[(int) p], k -> new ArrayList<>()).add(p);
        }
        out.values().forEach(l -> l.sort(null));
        return out;
    }

    private static Map<Long, Long> perValueFromMask(long[] labels, INDArray mask) {
        long[] m = NdArrays.toLongs(mask);
        Map<Long, Long> out = new TreeMap<>();
        for (int i = 0; i < m.length; i++) {
            if (m[i] > 0) {
                out.merge(labels[i], m[i], Long::sum);
            }
        }
        return out;
    }

    private static void noRepeats(String side, long[] pos) {
        if (new TreeSet<>(Arrays.stream(pos).boxed().toList()).size() != pos.length) {
            throw new AssertionError(side + ": a position is sampled twice without replacement");
        }
    }

    @Test
    void fractionSamplingTask() throws IOException {
        Differential.run("FractionSamplingTask", rp -> {
            int frames = rp.frames();
            int h = rp.side();
            int w = rp.side();
            EOPatch p = new EOPatch(rp.bbox(rp.crs()), rp.timestamps(frames));
            Case c = new Case("FractionSamplingTask").input(p);
            // a feature of another size fails or not by where numpy's draw falls: only the grid has them
            Sampled s = imageFeatures(rp, c, p, frames, h, w, false);
            DType labelType = rp.pick(RandomPatches.dtypes(FeatureType.MASK_TIMELESS));
            int maxLabel = rp.pick(1, 2, 3, 5);
            int depth = rp.random().nextInt(15) == 0 ? 2 : 1; // eo-learn squeezes the last axis: one band only
            INDArray labelArray = rp.random().nextInt(5) == 0 ? rp.array(labelType, h, w, depth)
                    : rp.labels(labelType, maxLabel, h, w, depth);
            p.put(FeatureType.MASK_TIMELESS, "LABELS", labelArray);
            c.init().set("sampling_feature", feature(rp.random().nextInt(25) == 0 ? FeatureType.MASK
                    : FeatureType.MASK_TIMELESS, "LABELS"));
            boolean replace = rp.random().nextInt(3) == 0;
            if (replace || rp.random().nextBoolean()) {
                c.init().put("replace", replace);
            }
            fraction(rp, c.init(), maxLabel);
            if (rp.random().nextInt(6) == 0) {
                fraction(rp, c.execute(), maxLabel); // overrides the task's unless 0 or {}
                com.fasterxml.jackson.databind.JsonNode f = c.execute().get("fraction");
                if ((f.isNumber() && f.asDouble() != 0) || (f.isBoolean() && f.asBoolean())) {
                    c.excusedBy("D101"); // eo-learn counts with the task's fraction, not this one
                }
            }
            if (rp.random().nextBoolean()) {
                ArrayNode ex = c.init().putArray("exclude_values");
                int k = rp.random().nextInt(maxLabel + 2);
                for (int i = 0; i < k; i++) {
                    ex.add(rp.random().nextInt(maxLabel + 2) - (rp.random().nextInt(10) == 0 ? 2 : 0));
                }
            }
            Feature mask = maskOfSamples(rp, c);
            seed(rp, c);
            long[] labels = labelArray.size(2) == 1 ? NdArrays.toLongs(labelArray) : null;
            c.check((project, eolearn) -> {
                checkSamples("project", p, project, eolearn, s, mask, h, w);
                checkSamples("eo-learn", p, eolearn, project, s, mask, h, w);
                long[] a = positions(project, s);
                long[] b = positions(eolearn, s);
                if (a != null) {
                    Map<Long, List<Long>> pa = perValue(labels, a);
                    Map<Long, List<Long>> pb = perValue(labels, b);
                    Map<Long, Integer> ca = new TreeMap<>();
                    Map<Long, Integer> cb = new TreeMap<>();
                    pa.forEach((k, v) -> ca.put(k, v.size()));
                    pb.forEach((k, v) -> cb.put(k, v.size()));
                    if (!ca.equals(cb)) {
                        throw new AssertionError("samples per mask value: project " + ca + ", eo-learn " + cb);
                    }
                    if (!replace) {
                        noRepeats("project", a);
                        noRepeats("eo-learn", b);
                        Map<Long, Long> available = new TreeMap<>();
                        for (long l : labels) {
                            available.merge(l, 1L, Long::sum);
                        }
                        for (Map.Entry<Long, List<Long>> e : pa.entrySet()) {
                            if (e.getValue().size() == available.get(e.getKey())
                                    && !e.getValue().equals(pb.get(e.getKey()))) {
                                throw new AssertionError("every pixel of value " + e.getKey() + " is sampled, but "
                                        + "at other positions: project " + e.getValue() + ", eo-learn "
                                        + pb.get(e.getKey()));
                            }
                        }
                    }
                }
                if (mask != null && project.contains(mask) && labels != null) {
                    INDArray ma = project.getArray(mask.type(), mask.name());
                    if (ma.size(0) == h && ma.size(1) == w) {
                        Map<Long, Long> fa = perValueFromMask(labels, ma);
                        Map<Long, Long> fb = perValueFromMask(labels, eolearn.getArray(mask.type(), mask.name()));
                        if (!fa.equals(fb)) {
                            throw new AssertionError("mask of samples per value: project " + fa + ", eo-learn "
                                    + fb);
                        }
                    }
                }
            }, keys(s, mask).toArray(String[]::new));
            return c;
        }).check();
    }

    /** A fraction: a number (sometimes out of range, NaN, a boolean or a string) or a map of values to numbers. */
    private static void fraction(RandomPatches rp, ObjectNode params, int maxLabel) {
        int k = rp.random().nextInt(20);
        if (k < 11) {
            params.put("fraction", rp.pick(0.0, 0.1, 0.25, 0.5, 0.5, 1.0, rp.random().nextDouble(),
                    rp.random().nextDouble()));
        } else if (k == 11) {
            params.put("fraction", rp.pick(1.5, 2.0, 3.0, -0.1)); // with replacement only; never negative
        } else if (k == 12) {
            params.put("fraction", rp.pick(0, 1)); // an int
        } else if (k == 13) {
            params.put("fraction", rp.random().nextBoolean());
        } else if (k == 14) {
            params.put("fraction", rp.pick(Double.NaN, Double.POSITIVE_INFINITY));
        } else if (k == 15) {
            params.put("fraction", "half"); // refused
        } else {
            ObjectNode map = params.putObject("fraction");
            int n = rp.random().nextInt(maxLabel + 2);
            for (int i = 0; i < n; i++) {
                String label = Integer.toString(rp.random().nextInt(maxLabel + 2));
                if (rp.random().nextInt(12) == 0) {
                    map.put(label, rp.pick(1.5, -0.5));
                } else {
                    map.put(label, rp.pick(0.0, 0.3, 0.5, 1.0, rp.random().nextDouble()));
                }
            }
        }
    }

    @Test
    void blockSamplingTask() throws IOException {
        Differential.run("BlockSamplingTask", rp -> {
            int frames = rp.frames();
            int h = rp.side();
            int w = rp.side();
            EOPatch p = new EOPatch(rp.bbox(rp.crs()), rp.timestamps(frames));
            Case c = new Case("BlockSamplingTask").input(p);
            Sampled s = imageFeatures(rp, c, p, frames, h, w, false);
            int[] size = {1, 1};
            int k = rp.random().nextInt(10);
            if (k < 6) {
                size = new int[] {1 + rp.random().nextInt(Math.min(h, 4)), 1 + rp.random().nextInt(Math.min(w, 4))};
                c.init().putArray("sample_size").add(size[0]).add(size[1]);
            } else if (k < 8) {
                size = new int[] {rp.pick(1, h, h + 1, h + 2), rp.pick(1, w, w + 1)}; // no corner, or none at all
                c.init().putArray("sample_size").add(size[0]).add(size[1]);
            } else if (k == 8) {
                size = new int[] {rp.pick(0, -1, 1), rp.pick(0, 1, 2)};
                c.init().putArray("sample_size").add(size[0]).add(size[1]);
                if (size[0] <= 0 || size[1] <= 0) {
                    // eo-learn samples empty blocks with corners outside the image
                    c.excusedBy("D100");
                }
            }
            boolean replace = rp.random().nextInt(3) == 0;
            if (replace || rp.random().nextBoolean()) {
                c.init().put("replace", replace);
            }
            int corners = Math.max(0, h - size[0] + 1) * Math.max(0, w - size[1] + 1);
            amount(rp, c.init(), corners);
            if (rp.random().nextInt(6) == 0) {
                amount(rp, c.execute(), corners);
            }
            Feature mask = maskOfSamples(rp, c);
            seed(rp, c);
            int[] block = size;
            c.check((project, eolearn) -> {
                checkSamples("project", p, project, eolearn, s, mask, h, w);
                checkSamples("eo-learn", p, eolearn, project, s, mask, h, w);
                long[] a = positions(project, s);
                long[] b = positions(eolearn, s);
                if (a != null) {
                    List<Long> ca = corners("project", a, block, h, w);
                    List<Long> cb = corners("eo-learn", b, block, h, w);
                    if (ca.size() != cb.size()) {
                        throw new AssertionError("blocks: project " + ca.size() + ", eo-learn " + cb.size());
                    }
                    if (!replace) {
                        noRepeats("project", ca.stream().mapToLong(Long::longValue).toArray());
                        noRepeats("eo-learn", cb.stream().mapToLong(Long::longValue).toArray());
                        if (ca.size() == corners && !new TreeSet<>(ca).equals(new TreeSet<>(cb))) {
                            throw new AssertionError("every corner is sampled, but the corners differ");
                        }
                    }
                }
            }, keys(s, mask).toArray(String[]::new));
            return c;
        }).check();
    }

    /** The corners of a side's blocks, checking that each block is a sample_size block inside the image. */
    private static List<Long> corners(String side, long[] pos, int[] block, int h, int w) {
        int cells = block[0] * block[1];
        if (pos.length % cells != 0) {
            throw new AssertionError(side + ": " + pos.length + " positions are not whole blocks of "
                    + Arrays.toString(block));
        }
        List<Long> out = new ArrayList<>();
        for (int b = 0; b < pos.length / cells; b++) {
            long corner = pos[b * cells];
            long y0 = corner / w;
            long x0 = corner % w;
            if (y0 + block[0] > h || x0 + block[1] > w) {
                throw new AssertionError(side + ": block at (" + y0 + ", " + x0 + ") leaves the image");
            }
            for (int dy = 0; dy < block[0]; dy++) {
                for (int dx = 0; dx < block[1]; dx++) {
                    if (pos[b * cells + dy * block[1] + dx] != (y0 + dy) * w + x0 + dx) {
                        throw new AssertionError(side + ": block " + b + " is not a contiguous block");
                    }
                }
            }
            out.add(corner);
        }
        return out;
    }

    /** An amount: an int count (sometimes too many), a float share, or what numpy refuses. */
    private static void amount(RandomPatches rp, ObjectNode params, int corners) {
        int k = rp.random().nextInt(20);
        if (k < 8) {
            params.put("amount", rp.random().nextInt(corners + 1));
        } else if (k < 14) {
            params.put("amount", rp.pick(0.0, 0.1, 0.5, 1.0, rp.random().nextDouble(), rp.random().nextDouble()));
        } else if (k == 14) {
            if (rp.random().nextBoolean()) {
                params.put("amount", rp.pick(corners + 1, corners + 5)); // with replacement only
            } else {
                params.put("amount", rp.pick(1.5, 2.0));
            }
        } else if (k == 15) {
            if (rp.random().nextBoolean()) {
                params.put("amount", -1);
            } else {
                params.put("amount", -0.5);
            }
        } else if (k == 16) {
            params.put("amount", rp.random().nextBoolean()); // numpy refuses a boolean size
        } else if (k == 17) {
            params.put("amount", rp.pick(Double.NaN, Double.POSITIVE_INFINITY));
        } else if (k == 18) {
            params.put("amount", corners);
        } else {
            params.put("amount", rp.pick(0, 1));
        }
    }

    @Test
    void gridSamplingTask() throws IOException {
        Differential.run("GridSamplingTask", rp -> {
            int frames = rp.frames();
            int h = rp.side();
            int w = rp.side();
            EOPatch p = new EOPatch(rp.bbox(rp.crs()), rp.timestamps(frames));
            Case c = new Case("GridSamplingTask").input(p);
            Sampled s = imageFeatures(rp, c, p, frames, h, w, true);
            if (rp.random().nextInt(4) != 0) {
                c.init().putArray("sample_size").add(size(rp, h)).add(size(rp, w));
            }
            if (rp.random().nextInt(4) != 0) {
                c.init().putArray("stride").add(size(rp, h)).add(size(rp, w));
            }
            Feature mask = maskOfSamples(rp, c);
            for (String key : keys(s, mask)) {
                c.exact(key);
            }
            return c;
        }).check();
    }

    /** A size or stride: mostly 1 to the side, sometimes larger, zero or negative (refused). */
    private static int size(RandomPatches rp, int side) {
        int k = rp.random().nextInt(12);
        if (k == 0) {
            return rp.pick(0, -1);
        }
        if (k == 1) {
            return side + rp.random().nextInt(3);
        }
        return 1 + rp.random().nextInt(Math.min(side, 4));
    }
}
