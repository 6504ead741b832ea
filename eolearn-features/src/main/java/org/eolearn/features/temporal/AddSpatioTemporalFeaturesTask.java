package org.eolearn.features.temporal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eolearn.core.DType;
import org.eolearn.core.EOPatch;
import org.eolearn.core.FeatureType;
import org.eolearn.core.NdArrays;
import org.eolearn.core.task.PatchTask;
import org.eolearn.core.task.Tasks;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The spatio-temporal features of Waldner et al. (2015) (eo-learn's 2018 {@code AddSpatioTemporalFeaturesTask}):
 * the bands {@code indices} of a DATA feature taken, per pixel, at the frames that the five DATA_TIMELESS index
 * features name, concatenated in the legacy code's order argmax NDVI, argmin NDVI, argmax NDVI slope, argmin NDVI
 * slope, argmax red ({@code 5 * len(indices)} bands, the data's dtype).
 *
 * <p>As the legacy code does, each index feature is squeezed (all axes of length 1 dropped) and broadcast against
 * the pixel grid: an index feature of one pixel serves every pixel; a patch one pixel wide gives numpy's
 * {@code (h, h)} broadcast result. Negative indices count from the end; out-of-range ones are refused, except (as numpy 1.24 does) array indices when no band is taken. Index
 * features must have an integer dtype.
 *
 * @since 0.1
 */
public final class AddSpatioTemporalFeaturesTask implements PatchTask {

    static final String TASK = "AddSpatioTemporalFeaturesTask";
    /** eo-learn's default {@code indices}: green, red, NIR and SWIR of 13 Sentinel-2 bands. */
    public static final List<Integer> DEFAULT_INDICES = List.of(2, 3, 7, 11);

    private final String argmaxNdvi;
    private final String argminNdvi;
    private final String argmaxRed;
    private final String argmaxNdviSlope;
    private final String argminNdviSlope;
    private final String featsFeature;
    private final String dataFeature;
    private final int[] indices;

    private AddSpatioTemporalFeaturesTask(Builder b) {
        this.argmaxNdvi = b.argmaxNdvi;
        this.argminNdvi = b.argminNdvi;
        this.argmaxRed = b.argmaxRed;
        this.argmaxNdviSlope = b.argmaxNdviSlope;
        this.argminNdviSlope = b.argminNdviSlope;
        this.featsFeature = b.featsFeature;
        this.dataFeature = b.dataFeature;
        this.indices = b.indices.clone();
    }

    /** The task with eo-learn's defaults (see {@link Builder}). */
    public AddSpatioTemporalFeaturesTask() {
        this(builder());
    }

    /**
     * Starts a task with eo-learn's defaults: {@code ARGMAX_NDVI}, {@code ARGMIN_NDVI}, {@code ARGMAX_B4},
     * {@code ARGMAX_NDVI_SLOPE}, {@code ARGMIN_NDVI_SLOPE}, output {@code STF}, data {@code BANDS-S2-L1C}, indices
     * {@code [2, 3, 7, 11]}.
     *
     * <pre>{@code
     * AddSpatioTemporalFeaturesTask stf = AddSpatioTemporalFeaturesTask.builder().dataFeature("BANDS")
     *         .indices(1, 2, 3).build();
     * }</pre>
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Settings of an {@link AddSpatioTemporalFeaturesTask}; every setter is optional. */
    public static final class Builder {
        private String argmaxNdvi = "ARGMAX_NDVI";
        private String argminNdvi = "ARGMIN_NDVI";
        private String argmaxRed = "ARGMAX_B4";
        private String argmaxNdviSlope = "ARGMAX_NDVI_SLOPE";
        private String argminNdviSlope = "ARGMIN_NDVI_SLOPE";
        private String featsFeature = "STF";
        private String dataFeature = "BANDS-S2-L1C";
        private int[] indices = {2, 3, 7, 11};

        private Builder() {
        }

        /**
         * The DATA_TIMELESS feature of the NDVI's argmax ({@code argmax_ndvi}).
         *
         * @param name the name
         * @return this
         */
        public Builder argmaxNdvi(String name) {
            this.argmaxNdvi = Objects.requireNonNull(name, "argmax_ndvi");
            return this;
        }

        /**
         * The DATA_TIMELESS feature of the NDVI's argmin ({@code argmin_ndvi}).
         *
         * @param name the name
         * @return this
         */
        public Builder argminNdvi(String name) {
            this.argminNdvi = Objects.requireNonNull(name, "argmin_ndvi");
            return this;
        }

        /**
         * The DATA_TIMELESS feature of the red band's argmax ({@code argmax_red}).
         *
         * @param name the name
         * @return this
         */
        public Builder argmaxRed(String name) {
            this.argmaxRed = Objects.requireNonNull(name, "argmax_red");
            return this;
        }

        /**
         * The DATA_TIMELESS feature of the NDVI slope's argmax ({@code argmax_ndvi_slope}).
         *
         * @param name the name
         * @return this
         */
        public Builder argmaxNdviSlope(String name) {
            this.argmaxNdviSlope = Objects.requireNonNull(name, "argmax_ndvi_slope");
            return this;
        }

        /**
         * The DATA_TIMELESS feature of the NDVI slope's argmin ({@code argmin_ndvi_slope}).
         *
         * @param name the name
         * @return this
         */
        public Builder argminNdviSlope(String name) {
            this.argminNdviSlope = Objects.requireNonNull(name, "argmin_ndvi_slope");
            return this;
        }

        /**
         * The DATA_TIMELESS feature receiving the features ({@code feats_feature}).
         *
         * @param name the name
         * @return this
         */
        public Builder featsFeature(String name) {
            this.featsFeature = Objects.requireNonNull(name, "feats_feature");
            return this;
        }

        /**
         * The DATA feature of the reflectances ({@code data_feature}).
         *
         * @param name the name
         * @return this
         */
        public Builder dataFeature(String name) {
            this.dataFeature = Objects.requireNonNull(name, "data_feature");
            return this;
        }

        /**
         * The bands to take ({@code indices}), negative from the end; none gives an empty result.
         *
         * @param bands the band indices
         * @return this
         */
        public Builder indices(int... bands) {
            this.indices = bands.clone();
            return this;
        }

        /**
         * Builds the task.
         *
         * @return the task
         */
        public AddSpatioTemporalFeaturesTask build() {
            return new AddSpatioTemporalFeaturesTask(this);
        }
    }

    @Override
    public EOPatch execute(EOPatch patch) {
        List<INDArray> idx = new ArrayList<>();
        for (String name : new String[] {argmaxNdvi, argminNdvi, argmaxNdviSlope, argminNdviSlope, argmaxRed}) {
            if (!patch.contains(FeatureType.DATA_TIMELESS, name)) {
                throw new IllegalArgumentException(TASK + " needs the feature (data_timeless, " + name + ")");
            }
            idx.add(patch.getArray(FeatureType.DATA_TIMELESS, name));
        }
        INDArray data = Legacy.data(patch, dataFeature, TASK);
        long[] shape = data.shape();
        int t = (int) shape[0];
        int h = (int) shape[1];
        int w = (int) shape[2];
        int depth = (int) shape[3];
        int nb = indices.length;
        int[] bands = new int[nb];
        for (int b = 0; b < nb; b++) {
            bands[b] = Legacy.pyIndex(indices[b], depth, "indices: band");
        }
        DType type = DType.of(data);
        boolean integral = !type.isFloatingPoint();
        double[] dv = integral ? null : NdArrays.toDoubles(data);
        long[] lv = integral ? NdArrays.toLongs(data) : null;
        long[] outShape = null;
        int[][] frames = new int[idx.size()][];
        for (int f = 0; f < idx.size(); f++) {
            INDArray a = idx.get(f);
            DType it = DType.of(a);
            if (it.isFloatingPoint() || it == DType.BOOL) {
                throw new IllegalArgumentException(TASK + ": index features must have an integer dtype, got "
                        + it.numpyName() + (it == DType.BOOL ? " (docs/differences.md D143)" : ""));
            }
            List<Long> squeezed = new ArrayList<>();
            for (long s : a.shape()) {
                if (s != 1) {
                    squeezed.add(s);
                }
            }
            if (squeezed.size() > 2) {
                throw new IllegalArgumentException(TASK + ": index feature of shape " + Arrays.toString(a.shape())
                        + " does not broadcast to the " + h + "x" + w + " pixels as a 2-D index");
            }
            long s0 = squeezed.size() == 2 ? squeezed.get(0) : 1;
            long s1 = squeezed.isEmpty() ? 1 : squeezed.get(squeezed.size() - 1);
            long b0 = broadcast(broadcast(h, 1), s0, a);
            long b1 = broadcast(broadcast(1, w), s1, a);
            long[] bs = {b0, b1, 5L * nb};
            if (outShape == null) {
                outShape = bs;
            } else if (!Arrays.equals(outShape, bs)) {
                throw new IllegalArgumentException(TASK + ": the index features give results of shapes "
                        + Arrays.toString(outShape) + " and " + Arrays.toString(bs) + ", which numpy cannot "
                        + "concatenate");
            }
            long[] values = NdArrays.toLongs(a);
            // numpy 1.24 checks a 0-d (scalar) index always, array indices only when something is taken
            boolean scalar = Arrays.stream(a.shape()).allMatch(d -> d == 1);
            int[] fr = new int[(int) (b0 * b1)];
            for (int i = 0; i < b0; i++) {
                for (int j = 0; j < b1; j++) {
                    long raw = values[(int) ((s0 == 1 ? 0 : i) * s1 + (s1 == 1 ? 0 : j))];
                    fr[(int) (i * b1 + j)] = nb == 0 && !scalar ? 0 : Legacy.pyIndex(raw, t, "index");
                }
            }
            frames[f] = fr;
        }
        int rows = (int) outShape[0];
        int cols = (int) outShape[1];
        int n = rows * cols * 5 * nb;
        double[] od = integral ? null : new double[n];
        long[] ol = integral ? new long[n] : null;
        int o = 0;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                int r = h == 1 ? 0 : i;
                int c = w == 1 ? 0 : j;
                for (int f = 0; f < 5; f++) {
                    int s = frames[f][i * cols + j];
                    int base = ((s * h + r) * w + c) * depth;
                    for (int b = 0; b < nb; b++) {
                        if (integral) {
                            ol[o++] = lv[base + bands[b]];
                        } else {
                            od[o++] = dv[base + bands[b]];
                        }
                    }
                }
            }
        }
        INDArray out = integral ? NdArrays.fromLongs(type, outShape, ol) : NdArrays.fromDoubles(type, outShape, od);
        patch.put(FeatureType.DATA_TIMELESS, featsFeature, out);
        return patch;
    }

    /** numpy's broadcast of two axis lengths. */
    private static long broadcast(long a, long b, INDArray what) {
        if (a == b || b == 1) {
            return a;
        }
        if (a == 1) {
            return b;
        }
        throw new IllegalArgumentException(TASK + ": an index feature of shape " + Arrays.toString(what.shape())
                + " does not broadcast to the pixels (numpy: shape mismatch in indexing)");
    }

    private static long broadcast(long a, long b) {
        return a == b || b == 1 ? a : b;
    }

    @Override
    public Map<String, Object> describe() {
        return Tasks.describe("argmax_ndvi", argmaxNdvi, "argmin_ndvi", argminNdvi, "argmax_red", argmaxRed,
                "argmax_ndvi_slope", argmaxNdviSlope, "argmin_ndvi_slope", argminNdviSlope, "feats_feature",
                featsFeature, "data_feature", dataFeature, "indices", Arrays.toString(indices));
    }
}
