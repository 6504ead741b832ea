package org.eolearn.core.task;

import static org.eolearn.core.testing.differential.Differential.feature;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.eolearn.core.DType;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureType;
import org.eolearn.core.io.OverwritePermission;
import org.eolearn.core.io.SaveOptions;
import org.eolearn.core.testing.differential.Differential;
import org.eolearn.core.testing.differential.Differential.Case;
import org.eolearn.core.testing.differential.RandomPatches;
import org.junit.jupiter.api.Test;

/**
 * The core tasks that add, create, copy, explode, save and load patches against eo-learn 1.5.6 on random patches and
 * parameters (see {@link Differential}); skipped without the oracle unless {@code -Deolearn.requireOracle=true}.
 */
class PatchTasksDifferentialTest {

    private static final FeatureType[] ARRAY_TYPES = {FeatureType.DATA, FeatureType.MASK, FeatureType.SCALAR,
        FeatureType.LABEL, FeatureType.DATA_TIMELESS, FeatureType.MASK_TIMELESS, FeatureType.SCALAR_TIMELESS,
        FeatureType.LABEL_TIMELESS};

    private static EOPatch patch(RandomPatches rp) {
        return rp.patch(rp.frames(), rp.side(), rp.side());
    }

    /** A random JSON value for meta info: numbers, strings, booleans, null, lists and objects. */
    private static void putValue(RandomPatches rp, ObjectNode into, String key) {
        switch (rp.random().nextInt(8)) {
            case 0 -> into.put(key, rp.random().nextInt(1000) - 500);
            case 1 -> into.put(key, rp.random().nextDouble() * 100);
            case 2 -> into.put(key, rp.pick("", "x", "\u017eaba", "with 'quotes'"));
            case 3 -> into.put(key, rp.random().nextBoolean());
            case 4 -> into.putNull(key);
            case 5 -> into.putArray(key).add(1).add("two").add(3.5);
            case 6 -> into.putObject(key).put("a", 1).putArray("b").add(true);
            default -> into.put(key, (long) Integer.MAX_VALUE + rp.random().nextInt(1000));
        }
    }

    /** A random feature specification: all, a feature type, or a list of features (sometimes missing ones). */
    private static void putFeatures(RandomPatches rp, ObjectNode into, EOPatch p, boolean missing) {
        List<Feature> fs = new ArrayList<>(p.getFeatures());
        int kind = rp.random().nextInt(5);
        if (kind == 0) {
            return; // the default, ...
        }
        if (kind == 1) {
            into.put("features", "...");
        } else if (kind == 2) {
            into.put("features", rp.pick(FeatureType.values()).value());
        } else {
            ArrayNode spec = into.putArray("features");
            int n = fs.isEmpty() ? 0 : 1 + rp.random().nextInt(Math.min(3, fs.size()));
            for (int i = 0; i < n; i++) {
                Feature f = rp.pick(fs);
                spec.add(feature(f.type(), f.name()));
            }
            if (missing && rp.random().nextInt(8) == 0) {
                spec.add(feature(FeatureType.DATA, "MISSING"));
            }
            if (rp.random().nextInt(6) == 0) {
                spec.add(rp.pick("bbox", "timestamps"));
            }
        }
    }

    @Test
    void addFeatureTask() throws IOException {
        Differential.run("AddFeatureTask", rp -> {
            EOPatch p = patch(rp);
            Case c = new Case("AddFeatureTask").input(p).compareAll();
            int kind = rp.random().nextInt(6);
            if (kind == 0) {
                // arrays and vectors need numpy arrays and data frames, which JSON cannot give: both refuse a list
                c.init().set("feature", feature(rp.pick(FeatureType.DATA, FeatureType.MASK_TIMELESS,
                        FeatureType.SCALAR, FeatureType.VECTOR), "NEW"));
                c.execute().putArray("data").add(1).add(2);
            } else {
                String name = rp.random().nextInt(3) == 0 ? rp.pick("note", "number") : "NEW_" + kind;
                c.init().set("feature", feature(FeatureType.META_INFO, name));
                putValue(rp, c.execute(), "data");
            }
            if (rp.random().nextInt(15) == 0) {
                c.execute().remove("data"); // data is required
            }
            return c;
        }).check();
    }

    @Test
    void createEOPatchTask() throws IOException {
        Differential.run("CreateEOPatchTask", rp -> {
            Case c = new Case("CreateEOPatchTask").compareAll();
            if (rp.random().nextBoolean()) {
                ObjectNode meta = c.execute().putObject("meta_info");
                for (int i = 0; i < rp.random().nextInt(4); i++) {
                    putValue(rp, meta, "key" + i);
                }
            }
            if (rp.random().nextBoolean()) {
                ArrayNode ts = c.execute().putArray("timestamps");
                rp.timestamps(rp.frames()).forEach(t -> ts.add(t.toString().length() == 16 ? t + ":00" : t.toString()));
            }
            switch (rp.random().nextInt(8)) {
                case 0 -> c.execute().putObject("data").putArray("X").add(1); // a list is not an array: both refuse
                case 1 -> c.execute().putNull("bbox");
                case 2 -> c.execute().put("unknown", 1); // not an EOPatch argument: both refuse
                case 3 -> c.execute().putObject("mask_timeless"); // no features of the type
                default -> { }
            }
            return c;
        }).check();
    }

    /** Arrays of one feature type with random depths and dtypes. */
    private static Feature array(RandomPatches rp, EOPatch p, FeatureType type) {
        int frames = p.timestamps() == null ? 0 : p.timestamps().size();
        DType dtype = rp.pick(RandomPatches.dtypes(type));
        Feature f = Feature.of(type, "IN");
        p.put(f, rp.array(dtype, RandomPatches.shapeOf(type, frames, rp.side(), rp.side(),
                1 + rp.random().nextInt(4))));
        return f;
    }

    @Test
    void explodeBandsTask() throws IOException {
        Differential.run("ExplodeBandsTask", rp -> {
            EOPatch p = rp.patch(rp.frames(), 1, 1);
            FeatureType type = rp.pick(ARRAY_TYPES);
            Feature in = array(rp, p, type);
            int depth = (int) p.getArray(in.type(), in.name()).shape()[type.ndim() - 1];
            Case c = new Case("ExplodeBandsTask").input(p).compareAll();
            c.init().set("input_feature", feature(type, in.name()));
            ArrayNode mapping = c.init().putArray("output_mapping");
            int outputs = 1 + rp.random().nextInt(3);
            for (int i = 0; i < outputs; i++) {
                FeatureType out = rp.random().nextInt(8) == 0 ? rp.pick(ARRAY_TYPES) : type;
                ArrayNode pair = mapping.addArray();
                pair.add(feature(out, rp.random().nextInt(8) == 0 ? in.name() : "OUT_" + i));
                if (rp.random().nextInt(3) == 0) {
                    pair.add(rp.random().nextInt(depth));
                } else {
                    ArrayNode bands = pair.addArray();
                    for (int k = 0; k < 1 + rp.random().nextInt(3); k++) {
                        bands.add(rp.random().nextInt(12) == 0 ? depth + rp.random().nextInt(2)
                                : rp.random().nextInt(12) == 0 ? -1 - rp.random().nextInt(depth)
                                : rp.random().nextInt(depth));
                    }
                }
            }
            return c;
        }).check();
    }

    @Test
    void deepCopyTask() throws IOException {
        Differential.run("DeepCopyTask", rp -> {
            EOPatch p = patch(rp);
            Case c = new Case("DeepCopyTask").input(p).compareAll();
            putFeatures(rp, c.init(), p, false);
            if (rp.random().nextInt(3) == 0) {
                c.init().put("deep", rp.random().nextBoolean()); // ignored: always deep
            }
            if (rp.random().nextInt(3) == 0) {
                c.init().put("copy_timestamps", rp.pick("auto", "true", "false").equals("auto") ? "auto" : "x");
                if (!c.init().get("copy_timestamps").asText().equals("auto")) {
                    c.init().put("copy_timestamps", rp.random().nextBoolean());
                }
            }
            return c;
        }).check();
    }

    @Test
    void saveTask() throws IOException {
        Differential.run("SaveTask", rp -> {
            EOPatch p = patch(rp);
            Case c = new Case("SaveTask").input(p).compareAll();
            c.init().put("path", Differential.CASE_DIR + "/" + Differential.SIDE + "/saved");
            putFeatures(rp, c.init(), p, true);
            if (rp.random().nextInt(3) != 0) {
                c.init().put("overwrite_permission", rp.pick(OverwritePermission.values()).name());
            }
            if (rp.random().nextInt(3) == 0) {
                c.init().put("compress_level", rp.random().nextInt(10)); // deprecated, no effect
            }
            if (rp.random().nextInt(3) == 0) {
                c.init().put("save_timestamps", rp.random().nextInt(3) == 0 ? "auto" : "" + rp.random().nextBoolean());
                if (!c.init().get("save_timestamps").asText().equals("auto")) {
                    c.init().put("save_timestamps", Boolean.parseBoolean(c.init().get("save_timestamps").asText()));
                }
            }
            if (rp.random().nextInt(3) == 0) {
                // an earlier patch in the folder: ADD_ONLY refuses to overwrite its features
                EOPatch old = rp.random().nextBoolean() ? p : patch(rp);
                boolean compress = rp.random().nextBoolean();
                c.setup(dir -> {
                    for (String side : new String[] {"eolearn", "project"}) {
                        old.save(dir.resolve(side).resolve("saved"), SaveOptions.defaults().withCompress(compress));
                    }
                });
            }
            if (rp.random().nextInt(4) == 0) {
                c.execute().put("eopatch_folder", rp.pick("sub", "a/b"));
            }
            java.util.Set<String> listed = new java.util.HashSet<>();
            if (c.init().path("features").isArray()) {
                for (var f : c.init().get("features")) {
                    if (!listed.add(f.toString())) {
                        c.excusedBy("D80"); // eo-learn refuses a feature listed twice ("differ only in casing")
                    }
                }
            }
            c.checkFiles((eolearn, project) -> {
                TreeSet<String> e = Differential.files(eolearn);
                TreeSet<String> j = Differential.files(project);
                if (!e.equals(j)) {
                    return "files: project " + j + ", eo-learn " + e;
                }
                String folder = c.execute().has("eopatch_folder") ? "saved/" + c.execute().get("eopatch_folder")
                        .asText() : "saved";
                return Differential.patchDifference("saved patch", EOPatch.load(project.resolve(folder)),
                        EOPatch.load(eolearn.resolve(folder)));
            });
            return c;
        }).check();
    }

    @Test
    void loadTask() throws IOException {
        Differential.run("LoadTask", rp -> {
            EOPatch stored = patch(rp);
            Case c = new Case("LoadTask").compareAll();
            boolean compress = rp.random().nextBoolean();
            boolean nested = rp.random().nextInt(4) == 0;
            c.setup(dir -> stored.save(dir.resolve("stored").resolve(nested ? "inner" : ""),
                    SaveOptions.defaults().withCompress(compress)));
            c.init().put("path", Differential.CASE_DIR + "/stored");
            if (nested) {
                c.execute().put("eopatch_folder", "inner");
            } else if (rp.random().nextInt(15) == 0) {
                c.execute().put("eopatch_folder", "missing");
            }
            putFeatures(rp, c.init(), stored, true);
            if (rp.random().nextBoolean()) {
                c.init().put("lazy_loading", rp.random().nextBoolean());
            }
            if (rp.random().nextInt(3) == 0) {
                if (rp.random().nextInt(3) == 0) {
                    c.init().put("load_timestamps", "auto");
                } else {
                    c.init().put("load_timestamps", rp.random().nextBoolean());
                }
            }
            if (rp.random().nextInt(5) == 0) {
                // merged onto an input patch: the same bbox and timestamps merge, others are refused
                EOPatch in = rp.random().nextBoolean() ? stored.copy() : patch(rp);
                if (in.contains(FeatureType.META_INFO, "note")) {
                    in.remove(FeatureType.META_INFO, "note"); // merging unequal meta info is refused
                }
                c.input(in);
            }
            return c;
        }).check();
    }
}
