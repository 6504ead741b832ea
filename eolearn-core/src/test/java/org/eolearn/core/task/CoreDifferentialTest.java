package org.eolearn.core.task;

import static org.eolearn.core.testing.differential.Differential.feature;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.eolearn.core.DType;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureType;
import org.eolearn.core.testing.differential.Differential;
import org.eolearn.core.testing.differential.Differential.Case;
import org.eolearn.core.testing.differential.RandomPatches;
import org.junit.jupiter.api.Test;

/**
 * Core tasks against eo-learn 1.5.6 on random patches and parameters (see {@link Differential}); skipped without
 * the oracle unless {@code -Deolearn.requireOracle=true}.
 */
class CoreDifferentialTest {

    private static final FeatureType[] ARRAY_TYPES = {FeatureType.DATA, FeatureType.MASK, FeatureType.SCALAR,
        FeatureType.LABEL, FeatureType.DATA_TIMELESS, FeatureType.MASK_TIMELESS, FeatureType.SCALAR_TIMELESS,
        FeatureType.LABEL_TIMELESS};

    private static final java.time.format.DateTimeFormatter ISO_SECONDS =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private static EOPatch patch(RandomPatches rp) {
        return rp.patch(rp.frames(), rp.side(), rp.side());
    }

    private static List<Feature> features(EOPatch p) {
        return new ArrayList<>(p.getFeatures());
    }


    @Test
    void renameFeatureTask() throws IOException {
        Differential.run("RenameFeatureTask", rp -> {
            EOPatch p = patch(rp);
            List<Feature> fs = features(p);
            Case c = new Case("RenameFeatureTask").input(p).compareAll();
            ArrayNode spec = c.init().putArray("features");
            if (fs.isEmpty() || rp.random().nextInt(12) == 0) {
                spec.add(feature(FeatureType.DATA, "MISSING", "X"));
            } else {
                int n = 1 + rp.random().nextInt(Math.min(2, fs.size()));
                for (int i = 0; i < n; i++) {
                    Feature f = fs.get(rp.random().nextInt(fs.size()));
                    String to = rp.random().nextInt(5) == 0 ? rp.pick(fs).name() : "NEW_" + i;
                    spec.add(feature(f.type(), f.name(), to));
                    if (to.equals(f.name())) {
                        c.excusedBy("D5"); // eo-learn deletes a feature renamed to its own name
                    }
                }
            }
            return c;
        }).check();
    }

    @Test
    void removeFeatureTask() throws IOException {
        Differential.run("RemoveFeatureTask", rp -> {
            EOPatch p = patch(rp);
            List<Feature> fs = features(p);
            Case c = new Case("RemoveFeatureTask").input(p).compareAll();
            int kind = rp.random().nextInt(6);
            if (kind == 0) {
                c.init().put("features", rp.pick(ARRAY_TYPES).value());
            } else if (kind == 1 || fs.isEmpty()) {
                c.init().putArray("features").add(feature(FeatureType.MASK, "MISSING"));
            } else {
                ArrayNode spec = c.init().putArray("features");
                for (int i = 0; i < 1 + rp.random().nextInt(3); i++) {
                    Feature f = rp.pick(fs);
                    spec.add(feature(f.type(), f.name()));
                }
            }
            return c;
        }).check();
    }

    @Test
    void copyAndDuplicateFeatureTasks() throws IOException {
        Differential.run("CopyTask", rp -> {
            EOPatch p = patch(rp);
            List<Feature> fs = features(p);
            Case c = new Case("CopyTask").input(p).compareAll();
            if (rp.random().nextBoolean() && !fs.isEmpty()) {
                ArrayNode spec = c.init().putArray("features");
                for (int i = 0; i < 1 + rp.random().nextInt(3); i++) {
                    Feature f = rp.pick(fs);
                    spec.add(feature(f.type(), f.name()));
                }
            } else if (rp.random().nextBoolean()) {
                c.init().put("features", rp.pick(ARRAY_TYPES).value());
            }
            c.init().put("deep", rp.random().nextBoolean());
            return c;
        }).check();
        Differential.run("DuplicateFeatureTask", rp -> {
            EOPatch p = patch(rp);
            List<Feature> fs = features(p);
            Case c = new Case("DuplicateFeatureTask").input(p).compareAll();
            ArrayNode spec = c.init().putArray("features");
            if (fs.isEmpty() || rp.random().nextInt(10) == 0) {
                spec.add(feature(FeatureType.DATA, "MISSING", "COPY"));
            } else {
                Feature f = rp.pick(fs);
                String to = rp.random().nextInt(6) == 0 ? f.name() : "COPY";
                spec.add(feature(f.type(), f.name(), to));
            }
            c.init().put("deep_copy", rp.random().nextBoolean());
            return c;
        }).check();
    }

    @Test
    void initializeFeatureTask() throws IOException {
        Differential.run("InitializeFeatureTask", rp -> {
            EOPatch p = patch(rp);
            // eo-learn takes shape tuples of 3 or 4 ints only: scalar types mostly through a feature's shape
            FeatureType type = rp.random().nextInt(6) == 0 ? rp.pick(ARRAY_TYPES) : rp.pick(FeatureType.DATA,
                    FeatureType.MASK, FeatureType.DATA_TIMELESS, FeatureType.MASK_TIMELESS);
            Case c = new Case("InitializeFeatureTask").input(p).compareAll();
            c.init().putArray("features").add(feature(type, "INIT"));
            List<Feature> arrays = new ArrayList<>();
            for (Feature f : p.getFeatures()) {
                if (f.type().isArray()) {
                    arrays.add(f);
                }
            }
            if (!arrays.isEmpty() && rp.random().nextInt(3) == 0) {
                Feature like = rp.pick(arrays);
                c.init().set("shape", feature(like.type(), like.name()));
            } else {
                int frames = p.timestamps() == null ? 0 : p.timestamps().size();
                int ndim = rp.random().nextInt(8) == 0 ? 1 + rp.random().nextInt(4) : type.ndim();
                long[] shape = RandomPatches.shapeOf(type, frames, rp.side(), rp.side(), 1 + rp.random().nextInt(3));
                ArrayNode s = c.init().putArray("shape");
                for (int i = 0; i < ndim; i++) {
                    s.add(i < shape.length ? shape[i] : 2);
                }
            }
            DType dtype = rp.pick(RandomPatches.dtypes(type));
            c.init().put("dtype", dtype.numpyName());
            switch (rp.random().nextInt(4)) {
                case 0 -> c.init().put("init_value", 0);
                case 1 -> c.init().put("init_value", rp.random().nextInt(300) - 50);
                case 2 -> c.init().put("init_value", rp.random().nextDouble() * 10);
                default -> { }
            }
            return c;
        }).check();
    }

    /** Arrays of one feature type with equal leading dimensions, random depths and dtypes. */
    private static List<Feature> stackable(RandomPatches rp, EOPatch p, FeatureType type, int count) {
        int frames = p.timestamps() == null ? 0 : p.timestamps().size();
        int h = rp.side();
        int w = rp.side();
        List<Feature> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            DType dtype = rp.pick(RandomPatches.dtypes(type));
            long[] shape = RandomPatches.shapeOf(type, frames, h, w, 1 + rp.random().nextInt(3));
            Feature f = Feature.of(type, "IN_" + i);
            p.put(f, rp.array(dtype, shape));
            out.add(f);
        }
        return out;
    }

    @Test
    void mergeFeatureTask() throws IOException {
        Differential.run("MergeFeatureTask", rp -> {
            EOPatch p = rp.patch(rp.frames(), 1, 1);
            FeatureType type = rp.pick(ARRAY_TYPES);
            List<Feature> in = stackable(rp, p, type, 1 + rp.random().nextInt(3));
            Case c = new Case("MergeFeatureTask").input(p).exact(type.value() + "/MERGED");
            ArrayNode spec = c.init().putArray("input_features");
            in.forEach(f -> spec.add(feature(f.type(), f.name())));
            c.init().set("output_feature", feature(type, "MERGED"));
            if (rp.random().nextInt(3) == 0) {
                c.init().put("axis", -1);
            }
            if (rp.random().nextInt(4) == 0) {
                c.init().put("dtype", rp.pick(RandomPatches.dtypes(type)).numpyName());
            }
            return c;
        }).check();
    }

    @Test
    void extractBandsTask() throws IOException {
        Differential.run("ExtractBandsTask", rp -> {
            EOPatch p = rp.patch(rp.frames(), 1, 1);
            FeatureType type = rp.pick(ARRAY_TYPES);
            Feature in = stackable(rp, p, type, 1).get(0);
            long depth = p.getArray(in.type(), in.name()).shape()[type.ndim() - 1];
            Case c = new Case("ExtractBandsTask").input(p).exact(type.value() + "/BANDS");
            c.init().set("input_feature", feature(type, in.name()));
            c.init().set("output_feature", feature(type, "BANDS"));
            ArrayNode bands = c.init().putArray("bands");
            for (int i = 0; i < 1 + rp.random().nextInt(4); i++) {
                bands.add(rp.random().nextInt(10) == 0 ? (int) depth + rp.random().nextInt(2)
                        : rp.random().nextInt((int) depth));
            }
            return c;
        }).check();
    }

    @Test
    void mapAndZipFeatureTasks() throws IOException {
        Differential.run("MapFeatureTask", rp -> {
            EOPatch p = rp.patch(rp.frames(), 1, 1);
            FeatureType type = rp.pick(FeatureType.DATA, FeatureType.DATA_TIMELESS, FeatureType.SCALAR);
            Feature in = stackable(rp, p, type, 1).get(0);
            Case c = new Case("MapFeatureTask").input(p).exact(type.value() + "/OUT");
            c.init().putArray("input_features").add(feature(type, in.name()));
            c.init().putArray("output_features").add(feature(type, "OUT"));
            c.init().putObject("map_function").put("callable", rp.pick("lambda x: x * 2", "lambda x: x + 1",
                    "lambda x: x / 4", "lambda x: -x", "lambda x: x - 0.5", "lambda x: (x + 3) * 2"));
            return c;
        }).check();
        Differential.run("ZipFeatureTask", rp -> {
            EOPatch p = rp.patch(rp.frames(), 1, 1);
            FeatureType type = rp.pick(FeatureType.DATA, FeatureType.DATA_TIMELESS, FeatureType.SCALAR_TIMELESS);
            List<Feature> in = stackable(rp, p, type, 2);
            // equal shapes: use the first input's shape for the second
            p.put(in.get(1), rp.array(DType.of(p.getArray(in.get(1).type(), in.get(1).name())),
                    p.getArray(in.get(0).type(), in.get(0).name()).shape()));
            Case c = new Case("ZipFeatureTask").input(p).exact(type.value() + "/OUT");
            ArrayNode spec = c.init().putArray("input_features");
            in.forEach(f -> spec.add(feature(f.type(), f.name())));
            c.init().set("output_feature", feature(type, "OUT"));
            c.init().putObject("zip_function").put("callable", rp.pick("lambda a, b: a + b",
                    "lambda *arrays: sum(arrays)", "lambda a, b: a * b - 1", "lambda a, b: (a - b) / 2"));
            return c;
        }).check();
    }

    @Test
    void temporalSubsetTask() throws IOException {
        Differential.run("TemporalSubsetTask", rp -> {
            EOPatch p = rp.patch(rp.frames(), rp.side(), rp.side());
            Case c = new Case("TemporalSubsetTask").input(p).compareAll();
            int frames = p.timestamps().size();
            ArrayNode ts = c.init().putArray("timestamps");
            int n = rp.random().nextInt(4);
            boolean dates = rp.random().nextBoolean() && frames > 0;
            int last = -1;
            boolean increasingInRange = true;
            for (int i = 0; i < n; i++) {
                if (dates) {
                    ts.add(rp.random().nextInt(6) == 0 ? "2001-01-01T00:00:00"
                            : rp.pick(p.timestamps()).format(ISO_SECONDS));
                } else {
                    int index = frames == 0 || rp.random().nextInt(8) == 0 ? frames + rp.random().nextInt(2)
                            : rp.random().nextInt(frames);
                    increasingInRange &= index > last && index < frames;
                    last = index;
                    ts.add(index);
                }
            }
            boolean temporalArrays = p.getFeatures().stream().anyMatch(f -> f.type().isTemporal()
                    && f.type().isArray());
            if (!dates && n > 0 && !increasingInRange && !(temporalArrays && last >= frames)) {
                c.excusedBy("D2"); // eo-learn's arrays and timestamps part ways here
            }
            return c;
        }).check();
    }

    @Test
    void moveFeatureTask() throws IOException {
        Differential.run("MoveFeatureTask", rp -> {
            EOPatch src = patch(rp);
            EOPatch dst = patch(rp);
            List<Feature> fs = features(src);
            Case c = new Case("MoveFeatureTask").input(src).input(dst).compareAll();
            if (fs.isEmpty() || rp.random().nextInt(4) == 0) {
                c.init().put("features", rp.pick(ARRAY_TYPES).value());
            } else {
                ArrayNode spec = c.init().putArray("features");
                Feature f = rp.pick(fs);
                spec.add(feature(f.type(), f.name()));
            }
            c.init().put("deep_copy", rp.random().nextBoolean());
            return c;
        }).check();
    }

    @Test
    void mergeEOPatchesTask() throws IOException {
        Differential.run("MergeEOPatchesTask", rp -> {
            int f1 = rp.pick(1, 2, 3);
            int f2 = rp.pick(0, 1, 2, 3);
            int h = rp.side();
            int w = rp.side();
            String timeOp = rp.pick(null, "concatenate", "min", "max", "mean", "median");
            String timelessOp = rp.pick(null, "concatenate", "min", "max", "mean", "median");
            EOPatch a = new EOPatch(rp.bbox(rp.crs()), rp.timestamps(f1));
            java.util.List<java.time.LocalDateTime> ts2 = new ArrayList<>();
            for (int i = 0; i < f2; i++) {
                // shared dates (merged by the operation) and new ones; for concatenate only later ones, where
                // eo-learn's frame order is in time order (docs/differences.md D3)
                ts2.add("concatenate".equals(timeOp) ? a.timestamps().get(f1 - 1).plusDays(1 + i)
                        : rp.random().nextBoolean() ? rp.pick(a.timestamps()) : a.timestamps().get(0).plusDays(3 + i));
            }
            java.util.Collections.sort(ts2);
            ts2 = new ArrayList<>(new java.util.LinkedHashSet<>(ts2));
            EOPatch b = new EOPatch(a.bbox(), ts2);
            for (FeatureType type : new FeatureType[] {FeatureType.DATA, FeatureType.MASK, FeatureType.DATA_TIMELESS,
                FeatureType.SCALAR}) {
                if (rp.random().nextInt(3) == 0) {
                    continue;
                }
                DType dtype = rp.pick(RandomPatches.dtypes(type));
                int depth = 1 + rp.random().nextInt(2);
                a.put(type, "F", rp.finite(dtype, RandomPatches.shapeOf(type, f1, h, w, depth)));
                if (rp.random().nextInt(5) != 0) {
                    b.put(type, "F", rp.random().nextBoolean() && !type.isTemporal() ? a.get(type, "F")
                            : rp.finite(dtype, RandomPatches.shapeOf(type, ts2.size(), h, w, depth)));
                }
            }
            a.put(FeatureType.META_INFO, "m", "first");
            b.put(FeatureType.META_INFO, "m", rp.pick("first", "second"));
            Case c = new Case("MergeEOPatchesTask").input(a).input(b).compareAll();
            if (timeOp != null) {
                c.init().put("time_dependent_op", timeOp);
            }
            if (timelessOp != null) {
                c.init().put("timeless_op", timelessOp);
            }
            return c;
        }).check();
    }
}
