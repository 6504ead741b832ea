package org.eolearn.cloudless.lightgbm;

/**
 * One regression tree of a LightGBM model, evaluated exactly as LightGBM's {@code Tree::Predict}.
 */
final class Tree {

    /** LightGBM's kZeroThreshold, {@code (double) 1e-35f}. */
    static final double ZERO_THRESHOLD = 1.0000000180025095e-35;
    private static final int CATEGORICAL = 1;
    private static final int DEFAULT_LEFT = 2;
    private static final int MISSING_ZERO = 1;
    private static final int MISSING_NAN = 2;

    final int numLeaves;
    final int[] splitFeature;
    final double[] threshold;
    final byte[] decisionType;
    final int[] leftChild;
    final int[] rightChild;
    final double[] leafValue;
    final int[] catBoundaries;
    final int[] catThreshold;
    final boolean linear;
    final double[] leafConst;
    final int[][] leafFeatures;
    final double[][] leafCoeff;

    /** Per inner node: split feature in the low 24 bits, node kind (below) in the high byte. */
    private final int[] nodeInfo;
    /** Per inner node: left child at 2i, right child at 2i+1. */
    private final int[] children;
    private static final int KIND_PLAIN = 0;
    private static final int KIND_PLAIN_NAN_LEFT = 1;
    private static final int KIND_OTHER = 2;

    Tree(int numLeaves, int[] splitFeature, double[] threshold, byte[] decisionType, int[] leftChild,
         int[] rightChild, double[] leafValue, int[] catBoundaries, int[] catThreshold, boolean linear,
         double[] leafConst, int[][] leafFeatures, double[][] leafCoeff) {
        int inner = splitFeature.length;
        this.nodeInfo = new int[inner];
        this.children = new int[2 * inner];
        for (int i = 0; i < inner; i++) {
            int dt = decisionType[i];
            int missing = (dt >> 2) & 3;
            int kind;
            if ((dt & CATEGORICAL) == 0 && missing != MISSING_ZERO && missing != MISSING_NAN) {
                // missing type None: NaN is treated as 0.0, so it goes where 0.0 goes
                kind = 0.0 <= threshold[i] ? KIND_PLAIN_NAN_LEFT : KIND_PLAIN;
            } else {
                kind = KIND_OTHER;
            }
            nodeInfo[i] = splitFeature[i] | (kind << 24);
            children[2 * i] = leftChild[i];
            children[2 * i + 1] = rightChild[i];
        }
        this.numLeaves = numLeaves;
        this.splitFeature = splitFeature;
        this.threshold = threshold;
        this.decisionType = decisionType;
        this.leftChild = leftChild;
        this.rightChild = rightChild;
        this.leafValue = leafValue;
        this.catBoundaries = catBoundaries;
        this.catThreshold = catThreshold;
        this.linear = linear;
        this.leafConst = leafConst;
        this.leafFeatures = leafFeatures;
        this.leafCoeff = leafCoeff;
    }

    double predict(double[] x) {
        return predict(x, 0);
    }

    /** Predicts the row that starts at {@code offset} of {@code x}. */
    double predict(double[] x, int offset) {
        if (numLeaves <= 1 && !linear) {
            return leafValue[0];
        }
        int leaf = numLeaves <= 1 ? 0 : leaf(x, offset);
        if (!linear) {
            return leafValue[leaf];
        }
        double out = leafConst[leaf];
        int[] features = leafFeatures[leaf];
        double[] coeff = leafCoeff[leaf];
        for (int i = 0; i < features.length; i++) {
            double v = x[offset + features[i]];
            if (Double.isNaN(v)) {
                return leafValue[leaf];
            }
            out += coeff[i] * v;
        }
        return out;
    }

    int leaf(double[] x, int offset) {
        int[] info = nodeInfo;
        int[] child = children;
        double[] thr = threshold;
        int node = 0;
        while (node >= 0) {
            int ni = info[node];
            double v = x[offset + (ni & 0xFFFFFF)];
            int kind = ni >>> 24;
            if (kind == KIND_PLAIN) {
                node = child[2 * node + (v <= thr[node] ? 0 : 1)];
            } else if (kind == KIND_PLAIN_NAN_LEFT) {
                node = child[2 * node + (v <= thr[node] || v != v ? 0 : 1)];
            } else {
                int dt = decisionType[node];
                if ((dt & CATEGORICAL) != 0) {
                    node = categorical(v, node) ? leftChild[node] : rightChild[node];
                } else {
                    node = numerical(v, node, dt);
                }
            }
        }
        return ~node;
    }

    private int numerical(double fval, int node, int dt) {
        int missing = (dt >> 2) & 3;
        double v = fval;
        if (Double.isNaN(v) && missing != MISSING_NAN) {
            v = 0.0;
        }
        if ((missing == MISSING_ZERO && -ZERO_THRESHOLD <= v && v <= ZERO_THRESHOLD)
                || (missing == MISSING_NAN && Double.isNaN(v))) {
            return (dt & DEFAULT_LEFT) != 0 ? leftChild[node] : rightChild[node];
        }
        return v <= threshold[node] ? leftChild[node] : rightChild[node];
    }

    private boolean categorical(double fval, int node) {
        if (Double.isNaN(fval)) {
            return false;
        }
        int iv = (int) fval; // truncation toward zero, as C++
        if (iv < 0) {
            return false;
        }
        int catIdx = (int) threshold[node];
        int from = catBoundaries[catIdx];
        int n = catBoundaries[catIdx + 1] - from;
        int word = iv / 32;
        return word < n && ((catThreshold[from + word] >>> (iv % 32)) & 1) != 0;
    }
}
