package org.eolearn.cloudless.lightgbm;

/** Public access to the native-LightGBM oracle for tests in other packages. */
public final class NativeLightGbmAccess {

    private NativeLightGbmAccess() {
    }

    /**
     * Trains a model.
     *
     * @param x          rows
     * @param features   features per row
     * @param labels     labels
     * @param params     LightGBM parameters
     * @param iterations boosting rounds
     * @return the model text
     * @throws Exception if LightGBM fails
     */
    public static String train(double[] x, int features, float[] labels, String params, int iterations)
            throws Exception {
        return NativeLightGbm.train(x, features, labels, params, iterations);
    }

    /**
     * Native transformed predictions.
     *
     * @param model    the model text
     * @param x        rows
     * @param features features per row
     * @return one output per row
     * @throws Exception if LightGBM fails
     */
    public static double[] predict(String model, double[] x, int features) throws Exception {
        return NativeLightGbm.predict(model, x, features, false);
    }
}
