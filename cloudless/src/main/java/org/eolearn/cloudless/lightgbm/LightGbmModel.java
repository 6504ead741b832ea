package org.eolearn.cloudless.lightgbm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A LightGBM model read from LightGBM's text format (model versions v2, v3 and v4) and evaluated in pure Java,
 * with the same raw scores as native LightGBM, bit for bit.
 *
 * <p>Supported: numerical splits with every missing-value mode (None, Zero, NaN; the default-left bit; LightGBM's
 * zero threshold), categorical splits (bitsets), linear trees, constant trees, several trees per iteration
 * (multiclass), {@code average_output} (random forests), a chosen range of iterations, raw scores and the
 * transformed outputs of every objective (binary sigmoid with its parameter, softmax, one-vs-all, cross-entropy,
 * exponential objectives, identity).
 *
 * <pre>{@code
 * LightGbmModel model = LightGbmModel.read(Path.of("pixel_s2_cloud_detector_lightGBM_v0.1.txt"));
 * double[] out = new double[model.numOutputs()];
 * model.predict(row, out);            // P(cloud) for a binary model
 * }</pre>
 *
 * <h2>Thread-safety</h2>
 * Immutable; predict from any number of threads.
 *
 * @since 0.1
 */
public final class LightGbmModel {

    /** How raw scores become outputs. */
    public enum Transform {
        /** Raw scores (regression, ranking, custom objectives). */
        IDENTITY,
        /** {@code 1 / (1 + exp(-sigmoid * raw))} (binary). */
        SIGMOID,
        /** Softmax over the classes (multiclass). */
        SOFTMAX,
        /** A sigmoid per class (multiclassova). */
        SIGMOID_PER_CLASS,
        /** {@code 1 / (1 + exp(-raw))} (cross_entropy). */
        LOGISTIC,
        /** {@code log1p(exp(raw))} (cross_entropy_lambda). */
        LOG1P_EXP,
        /** {@code exp(raw)} (poisson, gamma, tweedie). */
        EXP,
        /** {@code sign(raw) * raw * raw} (regression with {@code sqrt}). */
        SQUARE
    }

    private static final int MAX_TREE_LINES = 64;
    private static final int BLOCK_ROWS = 256;

    private final int numClass;
    private final int numTreePerIteration;
    private final int numFeatures;
    private final boolean averageOutput;
    private final Transform transform;
    private final double sigmoid;
    private final String objective;
    private final List<String> featureNames;
    private final Tree[] trees;

    private LightGbmModel(int numClass, int numTreePerIteration, int numFeatures, boolean averageOutput,
                          Transform transform, double sigmoid, String objective, List<String> featureNames,
                          Tree[] trees) {
        this.numClass = numClass;
        this.numTreePerIteration = numTreePerIteration;
        this.numFeatures = numFeatures;
        this.averageOutput = averageOutput;
        this.transform = transform;
        this.sigmoid = sigmoid;
        this.objective = objective;
        this.featureNames = featureNames;
        this.trees = trees;
    }

    /**
     * Reads a model file.
     *
     * @param file the {@code .txt} model
     * @return the model
     * @throws ModelFormatException if the model is malformed (line and key named)
     * @throws IOException          if the file cannot be read
     */
    public static LightGbmModel read(Path file) throws IOException {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (java.nio.charset.MalformedInputException e) {
            throw new ModelFormatException(0, null, file + " is not a text file");
        } catch (ModelFormatException e) {
            throw new ModelFormatException(e.line(), e.key(), file + ": " + e.getMessage()
                    .replaceFirst("^line \\d+: ", "").replaceFirst("^key '[^']*': ", ""));
        }
    }

    /**
     * Parses a model from its text.
     *
     * @param text the model text
     * @return the model
     * @throws ModelFormatException naming the line and key that are wrong
     */
    public static LightGbmModel parse(String text) throws ModelFormatException {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].endsWith("\r")) {
                lines[i] = lines[i].substring(0, lines[i].length() - 1);
            }
        }
        int i = 0;
        Map<String, String> header = new HashMap<>();
        Map<String, Integer> headerLine = new HashMap<>();
        while (i < lines.length && !lines[i].startsWith("Tree=")) {
            String line = lines[i];
            if (!line.isEmpty() && !line.equals("end of trees")) {
                int eq = line.indexOf('=');
                String key = eq < 0 ? line.trim() : line.substring(0, eq);
                String value = eq < 0 ? "" : line.substring(eq + 1);
                if (eq >= 0 && value.indexOf('=') >= 0 && !key.equals("feature_names")
                        && !key.equals("monotone_constraints")) {
                    throw new ModelFormatException(i + 1, key, "more than one '=' in a header line");
                }
                header.put(key, value);
                headerLine.put(key, i + 1);
            }
            if (line.equals("end of trees")) {
                break;
            }
            i++;
        }
        if (!header.containsKey("tree") && !header.containsKey("max_feature_idx")) {
            throw new ModelFormatException(1, null, "not a LightGBM text model (no 'tree' header)");
        }
        int numClass = headerInt(header, headerLine, "num_class", 1);
        int perIteration = headerInt(header, headerLine, "num_tree_per_iteration", numClass);
        if (!header.containsKey("max_feature_idx")) {
            throw new ModelFormatException(0, "max_feature_idx", "missing from the header");
        }
        int maxFeatureIdx = headerInt(header, headerLine, "max_feature_idx", -1);
        if (numClass < 1 || perIteration < 1 || maxFeatureIdx < 0 || maxFeatureIdx > 1_000_000) {
            throw new ModelFormatException(headerLine.getOrDefault("max_feature_idx", 0), "max_feature_idx",
                    "implausible header: num_class=" + numClass + ", num_tree_per_iteration=" + perIteration
                            + ", max_feature_idx=" + maxFeatureIdx);
        }
        int numFeatures = maxFeatureIdx + 1;
        List<String> names = new ArrayList<>();
        if (header.containsKey("feature_names")) {
            names.addAll(Arrays.asList(header.get("feature_names").trim().split(" ")));
            if (names.size() != numFeatures) {
                throw new ModelFormatException(headerLine.get("feature_names"), "feature_names", "has "
                        + names.size() + " names for max_feature_idx=" + maxFeatureIdx);
            }
        } else {
            for (int f = 0; f < numFeatures; f++) {
                names.add("Column_" + f);
            }
        }
        String objectiveText = header.getOrDefault("objective", "").trim();
        Transform transform;
        double sigmoid = 1.0;
        String[] obj = objectiveText.isEmpty() ? new String[] {"custom"} : objectiveText.split(" ");
        for (int k = 1; k < obj.length; k++) {
            if (obj[k].startsWith("sigmoid:")) {
                sigmoid = atof(obj[k].substring("sigmoid:".length()), headerLine.get("objective"));
            }
        }
        transform = transformOf(obj, headerLine.getOrDefault("objective", 0));
        boolean averageOutput = header.containsKey("average_output");

        List<Tree> trees = new ArrayList<>();
        while (i < lines.length && lines[i].startsWith("Tree=")) {
            int start = i;
            i++;
            Map<String, String> kv = new HashMap<>();
            Map<String, Integer> kvLine = new HashMap<>();
            while (i < lines.length && !lines[i].isEmpty() && !lines[i].startsWith("Tree=")
                    && !lines[i].equals("end of trees")) {
                if (i - start > MAX_TREE_LINES) {
                    throw new ModelFormatException(i + 1, null, "tree block of " + lines[start] + " does not end");
                }
                int eq = lines[i].indexOf('=');
                if (eq < 0) {
                    throw new ModelFormatException(i + 1, lines[i], "expected key=value in " + lines[start]);
                }
                kv.put(lines[i].substring(0, eq), lines[i].substring(eq + 1));
                kvLine.put(lines[i].substring(0, eq), i + 1);
                i++;
            }
            trees.add(parseTree(kv, kvLine, start + 1, numFeatures));
            while (i < lines.length && lines[i].isEmpty()) {
                i++;
            }
            if (i < lines.length && lines[i].equals("end of trees")) {
                break;
            }
        }
        if (trees.isEmpty()) {
            throw new ModelFormatException(lines.length, "Tree", "the model has no trees (truncated file?)");
        }
        if (i >= lines.length || !lines[i].equals("end of trees")) {
            throw new ModelFormatException(Math.min(i + 1, lines.length), "end of trees",
                    "missing: the file is truncated");
        }
        if (trees.size() % perIteration != 0) {
            throw new ModelFormatException(0, "num_tree_per_iteration", trees.size() + " trees are not a multiple "
                    + "of num_tree_per_iteration=" + perIteration);
        }
        return new LightGbmModel(numClass, perIteration, numFeatures, averageOutput, transform, sigmoid,
                objectiveText, List.copyOf(names), trees.toArray(new Tree[0]));
    }

    private static Transform transformOf(String[] obj, int line) throws ModelFormatException {
        String name = obj[0].toLowerCase(Locale.ROOT);
        switch (name) {
            case "binary":
                return Transform.SIGMOID;
            case "multiclass": case "softmax":
                return Transform.SOFTMAX;
            case "multiclassova": case "multiclass_ova": case "ova": case "ovr":
                return Transform.SIGMOID_PER_CLASS;
            case "cross_entropy": case "xentropy":
                return Transform.LOGISTIC;
            case "cross_entropy_lambda": case "xentlambda":
                return Transform.LOG1P_EXP;
            case "poisson": case "gamma": case "tweedie":
                return Transform.EXP;
            case "regression": case "regression_l2": case "l2": case "mean_squared_error": case "mse":
            case "l2_root": case "root_mean_squared_error": case "rmse":
                return Arrays.asList(obj).contains("sqrt") ? Transform.SQUARE : Transform.IDENTITY;
            case "regression_l1": case "l1": case "mean_absolute_error": case "mae": case "huber": case "fair":
            case "quantile": case "mape": case "mean_absolute_percentage_error": case "lambdarank":
            case "rank_xendcg": case "xendcg": case "xe_ndcg": case "xe_ndcg_mart": case "xendcg_mart":
            case "custom": case "none": case "null": case "na":
                return Arrays.asList(obj).contains("sqrt") ? Transform.SQUARE : Transform.IDENTITY;
            default:
                throw new ModelFormatException(line, "objective", "unknown objective '" + obj[0] + "'");
        }
    }

    private static Tree parseTree(Map<String, String> kv, Map<String, Integer> lines, int treeLine,
                                  int numFeatures) throws ModelFormatException {
        int numLeaves = intValue(kv, lines, "num_leaves", treeLine);
        if (numLeaves < 1 || numLeaves > 1 << 20) {
            throw new ModelFormatException(lines.get("num_leaves"), "num_leaves", "implausible value " + numLeaves);
        }
        boolean linear = kv.containsKey("is_linear") && intValue(kv, lines, "is_linear", treeLine) != 0;
        double[] leafValue = doubles(kv, lines, "leaf_value", treeLine, numLeaves);
        if (numLeaves == 1 && !linear) {
            return new Tree(1, new int[0], new double[0], new byte[0], new int[0], new int[0], leafValue, new int[0],
                    new int[0], false, null, null, null);
        }
        if (!kv.containsKey("num_cat") && numLeaves > 1) {
            throw new ModelFormatException(treeLine, "num_cat", "missing (required since LightGBM 2.1)");
        }
        int numCat = numLeaves > 1 ? intValue(kv, lines, "num_cat", treeLine) : 0;
        int inner = numLeaves - 1;
        int[] splitFeature = new int[0];
        double[] threshold = new double[0];
        byte[] decisionType = new byte[0];
        int[] left = new int[0];
        int[] right = new int[0];
        if (inner > 0) {
            splitFeature = ints(kv, lines, "split_feature", treeLine, inner);
            threshold = doubles(kv, lines, "threshold", treeLine, inner);
            int[] dt = ints(kv, lines, "decision_type", treeLine, inner);
            decisionType = new byte[inner];
            for (int k = 0; k < inner; k++) {
                decisionType[k] = (byte) dt[k];
            }
            left = ints(kv, lines, "left_child", treeLine, inner);
            right = ints(kv, lines, "right_child", treeLine, inner);
        }
        int[] catBoundaries = new int[0];
        int[] catThreshold = new int[0];
        if (numCat > 0) {
            catBoundaries = ints(kv, lines, "cat_boundaries", treeLine, numCat + 1);
            long[] words = longs(kv, lines, "cat_threshold", treeLine);
            catThreshold = new int[words.length];
            for (int k = 0; k < words.length; k++) {
                catThreshold[k] = (int) words[k];
            }
            for (int k = 0; k < catBoundaries.length; k++) {
                if (catBoundaries[k] < 0 || catBoundaries[k] > catThreshold.length
                        || (k > 0 && catBoundaries[k] < catBoundaries[k - 1])) {
                    throw new ModelFormatException(lines.get("cat_boundaries"), "cat_boundaries",
                            "boundaries do not fit the " + catThreshold.length + " cat_threshold words");
                }
            }
        } else if (numCat < 0) {
            throw new ModelFormatException(lines.get("num_cat"), "num_cat", "negative");
        }
        for (int k = 0; k < inner; k++) {
            if (splitFeature[k] < 0 || splitFeature[k] >= numFeatures) {
                throw new ModelFormatException(lines.get("split_feature"), "split_feature", "feature "
                        + splitFeature[k] + " is out of range for " + numFeatures + " features");
            }
            if ((decisionType[k] & 1) != 0) {
                double t = threshold[k];
                if (!(t >= 0 && t < numCat)) {
                    throw new ModelFormatException(lines.get("threshold"), "threshold", "categorical split " + k
                            + " refers to category set " + t + " of " + numCat);
                }
            }
        }
        if (inner > 0) {
            checkStructure(left, right, numLeaves, lines); // a one-leaf linear tree has no nodes
        }
        double[] leafConst = null;
        int[][] leafFeatures = null;
        double[][] leafCoeff = null;
        if (linear) {
            leafConst = doubles(kv, lines, "leaf_const", treeLine, numLeaves);
            int[] counts = ints(kv, lines, "num_features", treeLine, numLeaves);
            int total = 0;
            for (int c : counts) {
                if (c < 0) {
                    throw new ModelFormatException(lines.get("num_features"), "num_features", "negative count");
                }
                total += c;
            }
            int[] flatFeatures = total == 0 ? new int[0] : ints(kv, lines, "leaf_features", treeLine, total);
            double[] flatCoeff = total == 0 ? new double[0] : doubles(kv, lines, "leaf_coeff", treeLine, total);
            leafFeatures = new int[numLeaves][];
            leafCoeff = new double[numLeaves][];
            int pos = 0;
            for (int l = 0; l < numLeaves; l++) {
                leafFeatures[l] = Arrays.copyOfRange(flatFeatures, pos, pos + counts[l]);
                leafCoeff[l] = Arrays.copyOfRange(flatCoeff, pos, pos + counts[l]);
                for (int f : leafFeatures[l]) {
                    if (f < 0 || f >= numFeatures) {
                        throw new ModelFormatException(lines.get("leaf_features"), "leaf_features", "feature " + f
                                + " is out of range");
                    }
                }
                pos += counts[l];
            }
        }
        return new Tree(numLeaves, splitFeature, threshold, decisionType, left, right, leafValue, catBoundaries,
                catThreshold, linear, leafConst, leafFeatures, leafCoeff);
    }

    /** Every inner node is reached once from the root and every leaf once: a tree, so prediction ends. */
    private static void checkStructure(int[] left, int[] right, int numLeaves, Map<String, Integer> lines)
            throws ModelFormatException {
        int inner = left.length;
        boolean[] seenInner = new boolean[inner];
        boolean[] seenLeaf = new boolean[numLeaves];
        int[] stack = new int[inner + 1];
        int top = 0;
        stack[top++] = 0;
        seenInner[0] = true;
        while (top > 0) {
            int node = stack[--top];
            for (int child : new int[] {left[node], right[node]}) {
                if (child >= 0) {
                    if (child >= inner || seenInner[child]) {
                        throw new ModelFormatException(lines.get("left_child"), "left_child", "node " + node
                                + " has the child " + child + ", which is out of range or reached twice");
                    }
                    seenInner[child] = true;
                    stack[top++] = child;
                } else {
                    int leaf = ~child;
                    if (leaf >= numLeaves || seenLeaf[leaf]) {
                        throw new ModelFormatException(lines.get("right_child"), "right_child", "node " + node
                                + " has the leaf " + leaf + ", which is out of range or reached twice");
                    }
                    seenLeaf[leaf] = true;
                }
            }
        }
    }

    private static String value(Map<String, String> kv, Map<String, Integer> lines, String key, int treeLine)
            throws ModelFormatException {
        String v = kv.get(key);
        if (v == null) {
            throw new ModelFormatException(treeLine, key, "missing from the tree");
        }
        return v;
    }

    private static int intValue(Map<String, String> kv, Map<String, Integer> lines, String key, int treeLine)
            throws ModelFormatException {
        String v = value(kv, lines, key, treeLine).trim();
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new ModelFormatException(lines.get(key), key, "'" + v + "' is not an integer");
        }
    }

    private static String[] tokens(Map<String, String> kv, Map<String, Integer> lines, String key, int treeLine,
                                   int expected) throws ModelFormatException {
        String v = value(kv, lines, key, treeLine).trim();
        // LightGBM's Common::Split skips empty tokens: linear trees write a second space after each leaf's list
        String[] t = v.isEmpty() ? new String[0] : v.split(" +");
        if (expected >= 0 && t.length != expected) {
            throw new ModelFormatException(lines.get(key), key, "has " + t.length + " values, expected " + expected);
        }
        return t;
    }

    private static int[] ints(Map<String, String> kv, Map<String, Integer> lines, String key, int treeLine,
                              int expected) throws ModelFormatException {
        String[] t = tokens(kv, lines, key, treeLine, expected);
        int[] out = new int[t.length];
        for (int k = 0; k < t.length; k++) {
            try {
                out[k] = Integer.parseInt(t[k]);
            } catch (NumberFormatException e) {
                throw new ModelFormatException(lines.get(key), key, "'" + t[k] + "' is not an integer");
            }
        }
        return out;
    }

    private static long[] longs(Map<String, String> kv, Map<String, Integer> lines, String key, int treeLine)
            throws ModelFormatException {
        String[] t = tokens(kv, lines, key, treeLine, -1);
        long[] out = new long[t.length];
        for (int k = 0; k < t.length; k++) {
            try {
                out[k] = Long.parseLong(t[k]);
            } catch (NumberFormatException e) {
                throw new ModelFormatException(lines.get(key), key, "'" + t[k] + "' is not an integer");
            }
            if (out[k] < 0 || out[k] > 0xFFFFFFFFL) {
                throw new ModelFormatException(lines.get(key), key, "'" + t[k] + "' is not a 32-bit word");
            }
        }
        return out;
    }

    private static double[] doubles(Map<String, String> kv, Map<String, Integer> lines, String key, int treeLine,
                                    int expected) throws ModelFormatException {
        String[] t = tokens(kv, lines, key, treeLine, expected);
        double[] out = new double[t.length];
        for (int k = 0; k < t.length; k++) {
            out[k] = parseDouble(t[k], lines.get(key), key);
        }
        return out;
    }

    /** LightGBM's correctly rounded number parsing, with its {@code inf} and {@code nan} spellings. */
    static double parseDouble(String s, Integer line, String key) throws ModelFormatException {
        switch (s.toLowerCase(Locale.ROOT)) {
            case "inf": case "+inf": case "infinity": case "+infinity":
                return Double.POSITIVE_INFINITY;
            case "-inf": case "-infinity":
                return Double.NEGATIVE_INFINITY;
            case "nan": case "-nan": case "+nan":
                return Double.NaN;
            default:
                break;
        }
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (!(Character.isDigit(c) || c == '.' || c == 'e' || c == 'E' || c == '-' || c == '+')) {
                throw new ModelFormatException(line == null ? 0 : line, key, "'" + s + "' is not a number");
            }
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new ModelFormatException(line == null ? 0 : line, key, "'" + s + "' is not a number");
        }
    }

    /** LightGBM's {@code Common::Atof}, used for the objective's sigmoid parameter. */
    static double atof(String s, Integer line) throws ModelFormatException {
        int p = 0;
        int n = s.length();
        double sign = 1.0;
        if (p < n && (s.charAt(p) == '-' || s.charAt(p) == '+')) {
            sign = s.charAt(p) == '-' ? -1.0 : 1.0;
            p++;
        }
        double value = 0.0;
        boolean any = false;
        while (p < n && Character.isDigit(s.charAt(p))) {
            value = value * 10.0 + (s.charAt(p++) - '0');
            any = true;
        }
        if (p < n && s.charAt(p) == '.') {
            p++;
            double right = 0.0;
            int digits = 0;
            while (p < n && Character.isDigit(s.charAt(p))) {
                right = right * 10.0 + (s.charAt(p++) - '0');
                digits++;
                any = true;
            }
            value += right / Math.pow(10.0, digits);
        }
        if (p < n && (s.charAt(p) == 'e' || s.charAt(p) == 'E')) {
            p++;
            boolean fraction = false;
            if (p < n && (s.charAt(p) == '-' || s.charAt(p) == '+')) {
                fraction = s.charAt(p) == '-';
                p++;
            }
            int exp = 0;
            while (p < n && Character.isDigit(s.charAt(p))) {
                exp = Math.min(exp * 10 + (s.charAt(p++) - '0'), 10_000);
            }
            double scale = 1.0;
            while (exp >= 50) {
                scale *= 1e50;
                exp -= 50;
            }
            while (exp >= 8) {
                scale *= 1e8;
                exp -= 8;
            }
            while (exp > 0) {
                scale *= 10.0;
                exp -= 1;
            }
            value = fraction ? value / scale : value * scale;
        }
        if (!any || p != n) {
            throw new ModelFormatException(line == null ? 0 : line, "objective", "'" + s + "' is not a number");
        }
        return sign * value;
    }

    private static int headerInt(Map<String, String> header, Map<String, Integer> lines, String key, int def)
            throws ModelFormatException {
        String v = header.get(key);
        if (v == null) {
            return def;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new ModelFormatException(lines.get(key), key, "'" + v + "' is not an integer");
        }
    }

    // ------------------------------------------------------------------ accessors

    /**
     * Returns the number of input features.
     *
     * @return {@code max_feature_idx + 1}
     */
    public int numFeatures() {
        return numFeatures;
    }

    /**
     * Returns the number of classes ({@code num_class}).
     *
     * @return 1 for binary and regression models
     */
    public int numClasses() {
        return numClass;
    }

    /**
     * Returns the number of outputs per row ({@code num_tree_per_iteration}).
     *
     * @return the output count
     */
    public int numOutputs() {
        return numTreePerIteration;
    }

    /**
     * Returns the number of boosting iterations.
     *
     * @return trees / trees per iteration
     */
    public int numIterations() {
        return trees.length / numTreePerIteration;
    }

    /**
     * Returns the number of trees.
     *
     * @return the tree count
     */
    public int numTrees() {
        return trees.length;
    }

    /**
     * Returns the feature names.
     *
     * @return the names
     */
    public List<String> featureNames() {
        return featureNames;
    }

    /**
     * Returns the output transformation.
     *
     * @return the transform
     */
    public Transform transform() {
        return transform;
    }

    /**
     * Returns the objective line of the model.
     *
     * @return for example {@code "binary sigmoid:1"}
     */
    public String objective() {
        return objective;
    }

    // ------------------------------------------------------------------ prediction

    /**
     * Raw scores with all iterations: the sum of the trees, as LightGBM's {@code PredictRaw} (which does not
     * average the trees of a random forest; {@link #predict(double[], double[])} does).
     *
     * @param features {@link #numFeatures()} values (NaN = missing)
     * @param out      receives {@link #numOutputs()} scores
     */
    public void predictRaw(double[] features, double[] out) {
        predictRaw(features, out, 0, -1);
    }

    /**
     * Raw scores with a range of iterations, LightGBM's {@code start_iteration} and {@code num_iteration}.
     *
     * @param features       {@link #numFeatures()} values
     * @param out            receives {@link #numOutputs()} scores
     * @param startIteration the first iteration (clamped to the model)
     * @param numIteration   how many (0 or negative = all from the start)
     */
    public void predictRaw(double[] features, double[] out, int startIteration, int numIteration) {
        int total = numIterations();
        int start = Math.max(0, Math.min(startIteration, total));
        int n = numIteration > 0 ? Math.min(numIteration, total - start) : total - start;
        double[] x = prepare(features);
        int k = numTreePerIteration;
        for (int c = 0; c < k; c++) {
            out[c] = 0.0;
        }
        for (int it = start; it < start + n; it++) {
            for (int c = 0; c < k; c++) {
                out[c] += trees[it * k + c].predict(x);
            }
        }
    }

    private int iterationCount(int startIteration, int numIteration) {
        int total = numIterations();
        int start = Math.max(0, Math.min(startIteration, total));
        return numIteration > 0 ? Math.min(numIteration, total - start) : total - start;
    }

    /**
     * Transformed outputs (probabilities for classifiers) with all iterations.
     *
     * @param features {@link #numFeatures()} values
     * @param out      receives {@link #numOutputs()} outputs
     */
    public void predict(double[] features, double[] out) {
        predict(features, out, 0, -1);
    }

    /**
     * Transformed outputs with a range of iterations.
     *
     * @param features       {@link #numFeatures()} values
     * @param out            receives {@link #numOutputs()} outputs
     * @param startIteration the first iteration
     * @param numIteration   how many (0 or negative = all)
     */
    public void predict(double[] features, double[] out, int startIteration, int numIteration) {
        predictRaw(features, out, startIteration, numIteration);
        int n = iterationCount(startIteration, numIteration);
        if (averageOutput && n > 0) {
            for (int c = 0; c < numTreePerIteration; c++) {
                out[c] /= n;
            }
        }
        transform(out);
    }

    private void transform(double[] out) {
        int k = numTreePerIteration;
        switch (transform) {
            case IDENTITY:
                break;
            case SIGMOID:
            case SIGMOID_PER_CLASS:
                for (int c = 0; c < k; c++) {
                    out[c] = 1.0 / (1.0 + Math.exp(-sigmoid * out[c]));
                }
                break;
            case LOGISTIC:
                for (int c = 0; c < k; c++) {
                    out[c] = 1.0 / (1.0 + Math.exp(-out[c]));
                }
                break;
            case LOG1P_EXP:
                for (int c = 0; c < k; c++) {
                    out[c] = Math.log1p(Math.exp(out[c]));
                }
                break;
            case EXP:
                for (int c = 0; c < k; c++) {
                    out[c] = Math.exp(out[c]);
                }
                break;
            case SQUARE:
                for (int c = 0; c < k; c++) {
                    out[c] = Math.signum(out[c]) * out[c] * out[c];
                }
                break;
            case SOFTMAX: {
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < k; c++) {
                    max = Math.max(max, out[c]);
                }
                double sum = 0.0;
                for (int c = 0; c < k; c++) {
                    out[c] = Math.exp(out[c] - max);
                    sum += out[c];
                }
                for (int c = 0; c < k; c++) {
                    out[c] /= sum;
                }
                break;
            }
            default:
                throw new AssertionError(transform);
        }
    }

    /**
     * Transformed outputs for many float32 rows at once (the path of the cloud detector): no allocation per row.
     *
     * @param rows    {@code numRows * numFeatures()} values, row-major
     * @param numRows the number of rows
     * @param out     receives {@code numRows * numOutputs()} outputs, row-major
     */
    public void predict(float[] rows, int numRows, double[] out) {
        int f = numFeatures;
        int k = numTreePerIteration;
        if (rows.length < (long) numRows * f || out.length < (long) numRows * k) {
            throw new IllegalArgumentException("rows or out are too short for " + numRows + " rows");
        }
        // Rows are evaluated in blocks, tree by tree, so each tree stays in the cache for the whole block; each
        // row still sums its trees in model order, so the scores are the same as row by row.
        int block = Math.min(BLOCK_ROWS, Math.max(1, numRows));
        double[] x = new double[block * f];
        double[] raw = new double[block * k];
        double[] o = new double[k];
        int n = numIterations();
        for (int b0 = 0; b0 < numRows; b0 += block) {
            int rowsInBlock = Math.min(block, numRows - b0);
            for (int r = 0; r < rowsInBlock; r++) {
                for (int j = 0; j < f; j++) {
                    double v = rows[(b0 + r) * f + j];
                    x[r * f + j] = Math.abs(v) > Tree.ZERO_THRESHOLD || Double.isNaN(v) ? v : 0.0;
                }
            }
            java.util.Arrays.fill(raw, 0, rowsInBlock * k, 0.0);
            for (int it = 0; it < n; it++) {
                for (int c = 0; c < k; c++) {
                    Tree tree = trees[it * k + c];
                    for (int r = 0; r < rowsInBlock; r++) {
                        raw[r * k + c] += tree.predict(x, r * f);
                    }
                }
            }
            for (int r = 0; r < rowsInBlock; r++) {
                for (int c = 0; c < k; c++) {
                    o[c] = averageOutput && n > 0 ? raw[r * k + c] / n : raw[r * k + c];
                }
                transform(o);
                System.arraycopy(o, 0, out, (b0 + r) * k, k);
            }
        }
    }

    /** LightGBM's C API row conversion: tiny values become exactly 0. */
    private double[] prepare(double[] features) {
        if (features.length != numFeatures) {
            throw new IllegalArgumentException("expected " + numFeatures + " features, got " + features.length);
        }
        double[] x = features.clone();
        for (int j = 0; j < x.length; j++) {
            double v = x[j];
            if (!(Math.abs(v) > Tree.ZERO_THRESHOLD || Double.isNaN(v))) {
                x[j] = 0.0;
            }
        }
        return x;
    }

    /**
     * Returns a short description.
     *
     * @return for example {@code LightGbmModel[objective=binary sigmoid:1, features=10, trees=1000]}
     */
    @Override
    public String toString() {
        return "LightGbmModel[objective=" + objective + ", features=" + numFeatures + ", outputs="
                + numTreePerIteration + ", trees=" + trees.length + "]";
    }
}
