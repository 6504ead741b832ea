package org.eolearn.cloudless.lightgbm;

import com.microsoft.ml.lightgbm.PredictionType;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_double;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_float;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_int;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_long_long;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_p_void;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_void;
import com.microsoft.ml.lightgbm.lightgbmlib;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMDataset;
import io.github.metarank.lightgbm4j.LGBMException;
import java.io.IOException;
import java.util.Random;

/** Native LightGBM (lightgbm4j) as the test oracle: trains small models and predicts with them. */
final class NativeLightGbm {

    private NativeLightGbm() {
    }

    /** Rows of features with NaN, 0, -0, tiny values and categorical integers mixed in. */
    static double[] rows(int n, int features, long seed, int categoricalColumn, int categories) {
        Random r = new Random(seed);
        double[] x = new double[n * features];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < features; j++) {
                double v;
                if (j == categoricalColumn) {
                    v = r.nextInt(categories + 2) - 1; // includes -1 and unseen categories
                } else {
                    int kind = r.nextInt(40);
                    v = kind == 0 ? Double.NaN : kind == 1 ? 0.0 : kind == 2 ? -0.0 : kind == 3 ? 1e-38
                            : kind == 4 ? -1e-40 : r.nextGaussian() + (j % 3) * 0.5;
                }
                x[i * features + j] = v;
            }
        }
        return x;
    }

    static float[] labelsBinary(double[] x, int features, long seed) {
        Random r = new Random(seed);
        int n = x.length / features;
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            double a = Double.isNaN(x[i * features]) ? 0.3 : x[i * features];
            double b = Double.isNaN(x[i * features + 1]) ? -0.2 : x[i * features + 1];
            y[i] = a + 0.5 * b + 0.3 * r.nextGaussian() > 0.4 ? 1f : 0f;
        }
        return y;
    }

    static float[] labelsClasses(double[] x, int features, int classes) {
        int n = x.length / features;
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            double a = Double.isNaN(x[i * features + 2]) ? 0 : x[i * features + 2];
            y[i] = (float) Math.floorMod((int) Math.floor(a * 2 + 3), classes);
        }
        return y;
    }

    static float[] labelsRegression(double[] x, int features) {
        int n = x.length / features;
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            double c = x[i * features];
            double b = Double.isNaN(x[i * features + 1]) ? 0 : x[i * features + 1];
            y[i] = (float) ((c >= 0 ? c % 4 : 5) * 1.5 + b);
        }
        return y;
    }

    /** Trains a model and returns its text. */
    static String train(double[] x, int features, float[] labels, String params, int iterations)
            throws LGBMException {
        int n = labels.length;
        try (LGBMDataset ds = LGBMDataset.createFromMat(x, n, features, true, "max_bin=63 " + extra(params), null)) {
            ds.setField("label", labels);
            try (LGBMBooster booster = LGBMBooster.create(ds, params + " verbose=-1 num_threads=1 seed=7")) {
                for (int i = 0; i < iterations; i++) {
                    booster.updateOneIter();
                }
                return booster.saveModelToString(0, 0, LGBMBooster.FeatureImportanceType.SPLIT);
            }
        }
    }

    private static String extra(String params) {
        StringBuilder b = new StringBuilder();
        for (String p : params.split(" ")) {
            if (p.startsWith("categorical_feature") || p.startsWith("zero_as_missing") || p.startsWith("use_missing")) {
                b.append(p).append(' ');
            }
        }
        return b.toString();
    }

    /** Native predictions of a model text: raw scores or transformed outputs, one per row (single-output). */
    static double[] predict(String model, double[] x, int features, boolean raw) throws LGBMException {
        try (LGBMBooster booster = LGBMBooster.loadModelFromString(model)) {
            return booster.predictForMat(x, x.length / features, features, true,
                    raw ? PredictionType.C_API_PREDICT_RAW_SCORE : PredictionType.C_API_PREDICT_NORMAL);
        }
    }

    /**
     * Trains a model with the same parameters for the dataset and the booster (as LightGBM's Python package does),
     * without the defaults {@link #train} adds.
     */
    static String trainWith(double[] x, int features, float[] labels, String params, int iterations)
            throws LGBMException {
        int n = labels.length;
        try (LGBMDataset ds = LGBMDataset.createFromMat(x, n, features, true, params, null)) {
            ds.setField("label", labels);
            try (LGBMBooster booster = LGBMBooster.create(ds, params)) {
                for (int i = 0; i < iterations; i++) {
                    if (booster.updateOneIter()) {
                        break; // no split can be made any more
                    }
                }
                return booster.saveModelToString(0, 0, LGBMBooster.FeatureImportanceType.SPLIT);
            }
        }
    }

    /**
     * Native predictions of every output of every row through LightGBM's C API ({@code LGBM_BoosterPredictForMat}
     * with a rows x outputs buffer; lightgbm4j's own wrapper allocates two values per row and overruns it on
     * multiclass models). {@code x} is a {@code double[]} (float64 rows) or a {@code float[]} (float32 rows).
     *
     * @return {@code rows * outputs} values, row-major
     */
    static double[] predictAll(String model, Object x, int rows, int features, int outputs, boolean raw)
            throws LGBMException {
        try {
            LGBMBooster.loadNative();
        } catch (IOException e) {
            throw new LGBMException(e.getMessage());
        }
        SWIGTYPE_p_p_void handle = lightgbmlib.new_voidpp();
        SWIGTYPE_p_int iterations = lightgbmlib.new_intp();
        check(lightgbmlib.LGBM_BoosterLoadModelFromString(model, iterations, handle));
        lightgbmlib.delete_intp(iterations);
        SWIGTYPE_p_void booster = lightgbmlib.voidpp_value(handle);
        SWIGTYPE_p_double data64 = null;
        SWIGTYPE_p_float data32 = null;
        SWIGTYPE_p_void data;
        int dtype;
        if (x instanceof double[] d) {
            data64 = lightgbmlib.new_doubleArray(d.length);
            for (int i = 0; i < d.length; i++) {
                lightgbmlib.doubleArray_setitem(data64, i, d[i]);
            }
            data = lightgbmlib.double_to_voidp_ptr(data64);
            dtype = lightgbmlib.C_API_DTYPE_FLOAT64;
        } else {
            float[] f = (float[]) x;
            data32 = lightgbmlib.new_floatArray(f.length);
            for (int i = 0; i < f.length; i++) {
                lightgbmlib.floatArray_setitem(data32, i, f[i]);
            }
            data = lightgbmlib.float_to_voidp_ptr(data32);
            dtype = lightgbmlib.C_API_DTYPE_FLOAT32;
        }
        long size = (long) rows * outputs;
        SWIGTYPE_p_double out = lightgbmlib.new_doubleArray(size);
        SWIGTYPE_p_long_long outLen = lightgbmlib.new_int64_tp();
        try {
            check(lightgbmlib.LGBM_BoosterPredictForMat(booster, data, dtype, rows, features, 1,
                    raw ? lightgbmlib.C_API_PREDICT_RAW_SCORE : lightgbmlib.C_API_PREDICT_NORMAL, 0, 0, "num_threads=1",
                    outLen, out));
            if (lightgbmlib.int64_tp_value(outLen) != size) {
                throw new LGBMException("LightGBM wrote " + lightgbmlib.int64_tp_value(outLen) + " values, expected "
                        + size);
            }
            double[] result = new double[(int) size];
            for (int i = 0; i < size; i++) {
                result[i] = lightgbmlib.doubleArray_getitem(out, i);
            }
            return result;
        } finally {
            lightgbmlib.delete_doubleArray(out);
            lightgbmlib.delete_int64_tp(outLen);
            if (data64 != null) {
                lightgbmlib.delete_doubleArray(data64);
            }
            if (data32 != null) {
                lightgbmlib.delete_floatArray(data32);
            }
            lightgbmlib.LGBM_BoosterFree(booster);
            lightgbmlib.delete_voidpp(handle);
        }
    }

    private static void check(int status) throws LGBMException {
        if (status < 0) {
            throw new LGBMException(lightgbmlib.LGBM_GetLastError());
        }
    }
}
