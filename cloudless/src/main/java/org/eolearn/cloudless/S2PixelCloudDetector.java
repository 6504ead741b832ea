package org.eolearn.cloudless;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eolearn.cloudless.lightgbm.LightGbmModel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The s2cloudless Sentinel-2 cloud detector (s2cloudless 1.7.3): a LightGBM pixel classifier on ten L1C bands,
 * then an average over a disk, a threshold and a dilation.
 *
 * <ul>
 *   <li>Input: top-of-atmosphere reflectances (0-1) of shape (N, H, W, 13) with {@code allBands}, from which the
 *       model's bands B01, B02, B04, B05, B08, B8A, B09, B10, B11, B12 are taken, or (N, H, W, 10).</li>
 *   <li>{@link #cloudProbabilityMaps}: float32 (N, H, W). {@link #cloudMasks} and {@link #maskFromProbabilities}:
 *       uint8 (N, H, W), 1 = cloud; int8 when neither averaging nor dilation runs, as in s2cloudless.</li>
 *   <li>Averaging ({@code averageOver > 0}): {@link CloudKernels#averageDisk}, bit-identical to
 *       {@code cv2.filter2D} for radii up to 5; the threshold compares in float32 ({@code p > (float) t});
 *       dilation ({@code dilationSize > 0}): {@link CloudKernels#dilateDisk}.</li>
 * </ul>
 *
 * <p>The model is the official {@code pixel_s2_cloud_detector_lightGBM_v0.1.txt} (CC BY-SA 4.0), which is not
 * bundled: give it as a {@link LightGbmModel}, or let {@link #loadDefaultModel()} find it (system property
 * {@value #MODEL_PROPERTY}, environment variable {@value #MODEL_ENV}, {@code ~/.eolearn/cloudless/}, or the class
 * path). {@code eolearn cloudless fetch-model} downloads it on a machine with internet access.
 *
 * <pre>{@code
 * S2PixelCloudDetector detector = new S2PixelCloudDetector(S2PixelCloudDetector.loadDefaultModel(),
 *         0.4, 4, 2, true);
 * INDArray masks = detector.cloudMasks(bands);      // (N, H, W) uint8
 * }</pre>
 *
 * <h2>Thread-safety</h2>
 * Immutable; frames are processed in parallel on the common fork-join pool.
 *
 * @since 0.1
 */
public final class S2PixelCloudDetector {

    /** The model's bands among the 13 Sentinel-2 L1C bands (B01, B02, B04, B05, B08, B8A, B09, B10, B11, B12). */
    public static final int[] MODEL_BAND_IDS = {0, 1, 3, 4, 7, 8, 9, 10, 11, 12};
    /** The official model's file name. */
    public static final String MODEL_FILENAME = "pixel_s2_cloud_detector_lightGBM_v0.1.txt";
    /** The official model's size in bytes. */
    public static final long MODEL_SIZE = 10_975_392L;
    /** The official model's public address. */
    public static final String MODEL_URL = "https://raw.githubusercontent.com/sentinel-hub/sentinel2-cloud-detector/"
            + "master/s2cloudless/models/" + MODEL_FILENAME;
    /** System property naming the model file. */
    public static final String MODEL_PROPERTY = "eolearn.cloudless.model";
    /** Environment variable naming the model file. */
    public static final String MODEL_ENV = "EOLEARN_CLOUDLESS_MODEL";

    private final LightGbmModel model;
    private final double threshold;
    private final int averageOver;
    private final int dilationSize;
    private final boolean allBands;
    private final Loops loops;

    /**
     * Creates a detector.
     *
     * @param model        the pixel classifier: binary, 10 features (null: only {@link #maskFromProbabilities}
     *                     works)
     * @param threshold    the cloud probability threshold (s2cloudless: 0.4)
     * @param averageOver  the averaging disk radius, 0 for none (s2cloudless: 1; eo-learn's CloudMaskTask: 4)
     * @param dilationSize the dilation disk radius, 0 for none (s2cloudless: 1; eo-learn: 2)
     * @param allBands     whether inputs have all 13 bands (true) or the model's 10 (false)
     * @throws IllegalArgumentException for a negative radius, a threshold that is not finite, or a model that is
     *                                  not a binary classifier of 10 features
     */
    public S2PixelCloudDetector(LightGbmModel model, double threshold, int averageOver, int dilationSize,
                                boolean allBands) {
        if (model != null && (model.numFeatures() != MODEL_BAND_IDS.length || model.numOutputs() != 1)) {
            throw new IllegalArgumentException("the cloud model must be a binary classifier of 10 features, got "
                    + model);
        }
        if (averageOver < 0) {
            throw new IllegalArgumentException("average_over must be >= 0, got " + averageOver);
        }
        if (dilationSize < 0) {
            throw new IllegalArgumentException("dilation_size must be >= 0, got " + dilationSize);
        }
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("threshold must be a finite number, got " + threshold);
        }
        this.model = model;
        this.threshold = threshold;
        this.averageOver = averageOver;
        this.dilationSize = dilationSize;
        this.allBands = allBands;
        this.loops = Loops.SEQUENTIAL;
    }

    private S2PixelCloudDetector(S2PixelCloudDetector d, Loops loops) {
        this.model = d.model;
        this.threshold = d.threshold;
        this.averageOver = d.averageOver;
        this.dilationSize = d.dilationSize;
        this.allBands = d.allBands;
        this.loops = java.util.Objects.requireNonNull(loops, "loops");
    }

    /**
     * The same detector running its per-frame loops with {@code loops} (a new detector runs them on the calling
     * thread).
     *
     * @param loops how to run the loops over frames
     * @return a detector equal to this one but for its loops
     */
    public S2PixelCloudDetector withLoops(Loops loops) {
        return new S2PixelCloudDetector(this, loops);
    }

    /**
     * Creates a detector with s2cloudless's defaults (threshold 0.4, average over 1, dilation 1, 10 bands).
     *
     * @param model the pixel classifier
     */
    public S2PixelCloudDetector(LightGbmModel model) {
        this(model, 0.4, 1, 1, false);
    }

    /**
     * Creates a detector with the official model found by {@link #loadDefaultModel()}.
     *
     * @param threshold    the cloud probability threshold
     * @param averageOver  the averaging disk radius, 0 for none
     * @param dilationSize the dilation disk radius, 0 for none
     * @param allBands     whether inputs have all 13 bands
     * @return the detector
     * @throws IOException if the model is not found (the message says how to get it) or cannot be read
     */
    public static S2PixelCloudDetector withDefaultModel(double threshold, int averageOver, int dilationSize,
                                                        boolean allBands) throws IOException {
        return new S2PixelCloudDetector(loadDefaultModel(), threshold, averageOver, dilationSize, allBands);
    }

    /**
     * Finds and reads the official model: the file named by the system property {@value #MODEL_PROPERTY}, else by
     * the environment variable {@value #MODEL_ENV}, else {@code ~/.eolearn/cloudless/} + {@value #MODEL_FILENAME},
     * else the class-path resource {@code /org/eolearn/cloudless/} + {@value #MODEL_FILENAME}.
     *
     * @return the model
     * @throws IOException if no model is found (the message says how to get one) or it cannot be read
     */
    public static LightGbmModel loadDefaultModel() throws IOException {
        String prop = System.getProperty(MODEL_PROPERTY);
        if (prop != null && !prop.isBlank()) {
            return LightGbmModel.read(Path.of(prop));
        }
        String env = System.getenv(MODEL_ENV);
        if (env != null && !env.isBlank()) {
            return LightGbmModel.read(Path.of(env));
        }
        Path home = Path.of(System.getProperty("user.home"), ".eolearn", "cloudless", MODEL_FILENAME);
        if (Files.isRegularFile(home)) {
            return LightGbmModel.read(home);
        }
        try (InputStream in = S2PixelCloudDetector.class.getResourceAsStream(MODEL_FILENAME)) {
            if (in != null) {
                return LightGbmModel.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        throw new IOException("the s2cloudless model " + MODEL_FILENAME + " was not found. It is not bundled "
                + "(CC BY-SA 4.0, " + MODEL_SIZE + " bytes). Run `eolearn cloudless fetch-model` on a machine with "
                + "internet access (it saves it to ~/.eolearn/cloudless/), or download " + MODEL_URL + " and pass "
                + "-D" + MODEL_PROPERTY + "=<file> or set " + MODEL_ENV);
    }

    /**
     * Cloud probabilities of every pixel.
     *
     * @param data (N, H, W, 13) with {@code allBands}, else (N, H, W, 10); reflectances, any float dtype
     * @return float32 (N, H, W)
     * @throws IllegalArgumentException for another shape or a detector without a model
     */
    public INDArray cloudProbabilityMaps(INDArray data) {
        if (model == null) {
            throw new IllegalArgumentException("this detector has no model: get the s2cloudless model with `eolearn "
                    + "cloudless fetch-model` (or from " + MODEL_URL + ") and pass it, or use withDefaultModel(...)");
        }
        int bands = allBands ? 13 : MODEL_BAND_IDS.length;
        if (data.rank() != 4 || data.size(3) != bands) {
            throw new IllegalArgumentException("data must have shape (N, H, W, " + bands + ")"
                    + (allBands ? " (all_bands=true)" : " (all_bands=false: the 10 model bands)") + ", got "
                    + java.util.Arrays.toString(data.shape()));
        }
        int n = (int) data.size(0);
        int h = (int) data.size(1);
        int w = (int) data.size(2);
        INDArray floats = data.dataType() == DataType.FLOAT && !data.isView() && data.ordering() == 'c'
                ? data : data.castTo(DataType.FLOAT).dup('c');
        float[] all = floats.data().asFloat();
        float[] probs = new float[n * h * w];
        int pixels = h * w;
        loops.forEach(n, t -> {
            float[] rows = new float[pixels * MODEL_BAND_IDS.length];
            int base = t * pixels * bands;
            for (int p = 0; p < pixels; p++) {
                for (int j = 0; j < MODEL_BAND_IDS.length; j++) {
                    rows[p * MODEL_BAND_IDS.length + j] = all[base + p * bands + (allBands ? MODEL_BAND_IDS[j] : j)];
                }
            }
            double[] out = new double[pixels];
            model.predict(rows, pixels, out);
            for (int p = 0; p < pixels; p++) {
                probs[t * pixels + p] = (float) out[p];
            }
        });
        return floats(probs, n, h, w);
    }

    /**
     * Cloud masks: probabilities, then {@link #maskFromProbabilities(INDArray)}.
     *
     * @param data the bands, as for {@link #cloudProbabilityMaps}
     * @return uint8 (N, H, W)
     */
    public INDArray cloudMasks(INDArray data) {
        return maskFromProbabilities(cloudProbabilityMaps(data));
    }

    /**
     * Masks from cloud probabilities with the detector's threshold.
     *
     * @param probabilities (N, H, W)
     * @return uint8 (N, H, W); int8 when neither averaging nor dilation runs
     */
    public INDArray maskFromProbabilities(INDArray probabilities) {
        return maskFromProbabilities(probabilities, threshold);
    }

    /**
     * Masks from cloud probabilities, s2cloudless's {@code get_mask_from_prob}.
     *
     * @param probabilities (N, H, W), any float dtype (computed in float32)
     * @param thresholdValue the threshold
     * @return uint8 (N, H, W); int8 when neither averaging nor dilation runs
     */
    public INDArray maskFromProbabilities(INDArray probabilities, double thresholdValue) {
        if (probabilities.rank() != 3) {
            throw new IllegalArgumentException("probabilities must have shape (N, H, W), got "
                    + java.util.Arrays.toString(probabilities.shape()));
        }
        int n = (int) probabilities.size(0);
        int h = (int) probabilities.size(1);
        int w = (int) probabilities.size(2);
        INDArray floats = probabilities.dataType() == DataType.FLOAT && !probabilities.isView()
                && probabilities.ordering() == 'c' ? probabilities : probabilities.castTo(DataType.FLOAT).dup('c');
        float[] p = floats.data().asFloat();
        float thr = (float) thresholdValue;
        int pixels = h * w;
        byte[] mask = new byte[n * pixels];
        loops.forEach(n, t -> {
            float[] frame = new float[pixels];
            System.arraycopy(p, t * pixels, frame, 0, pixels);
            float[] smooth = frame;
            if (averageOver > 0) {
                smooth = new float[pixels];
                CloudKernels.averageDisk(frame, h, w, averageOver, smooth);
            }
            byte[] m = new byte[pixels];
            for (int i = 0; i < pixels; i++) {
                m[i] = (byte) (smooth[i] > thr ? 1 : 0);
            }
            if (dilationSize > 0) {
                byte[] d = new byte[pixels];
                CloudKernels.dilateDisk(m, h, w, dilationSize, d);
                m = d;
            }
            System.arraycopy(m, 0, mask, t * pixels, pixels);
        });
        DataType type = averageOver > 0 || dilationSize > 0 ? DataType.UINT8 : DataType.INT8;
        INDArray out = Nd4j.create(type, new long[] {n, h, w}, 'c');
        if (mask.length > 0) {
            out.data().asNio().put(mask);
        }
        return out;
    }

    private static INDArray floats(float[] values, int n, int h, int w) {
        INDArray out = Nd4j.create(DataType.FLOAT, new long[] {n, h, w}, 'c');
        if (values.length > 0) {
            ByteBuffer b = out.data().asNio().order(ByteOrder.nativeOrder());
            b.asFloatBuffer().put(values);
        }
        return out;
    }

    /**
     * Returns the threshold.
     *
     * @return the threshold
     */
    public double threshold() {
        return threshold;
    }

    /**
     * Returns the averaging radius.
     *
     * @return the radius (0 = none)
     */
    public int averageOver() {
        return averageOver;
    }

    /**
     * Returns the dilation radius.
     *
     * @return the radius (0 = none)
     */
    public int dilationSize() {
        return dilationSize;
    }

    /**
     * Tells whether inputs have 13 bands.
     *
     * @return whether all bands
     */
    public boolean allBands() {
        return allBands;
    }

    /**
     * Returns the model.
     *
     * @return the model, or null
     */
    public LightGbmModel model() {
        return model;
    }
}
