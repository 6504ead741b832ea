package org.eolearn.features.temporal;

import java.util.Arrays;
import org.eolearn.core.DType;
import org.eolearn.core.EOPatch;
import org.eolearn.core.FeatureType;
import org.eolearn.core.NdArrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Shared reading of the temporal tasks' inputs. */
final class Legacy {

    private Legacy() {
    }

    /** The valid-data mask eo-learn's tasks read: {@code VALID_DATA} when masking, else {@code IS_DATA}. */
    static INDArray validMask(EOPatch patch, boolean maskData, String task) {
        String name = maskData ? "VALID_DATA" : "IS_DATA";
        if (!patch.contains(FeatureType.MASK, name)) {
            throw new IllegalArgumentException(task + " needs the mask feature (mask, " + name + ")"
                    + (maskData ? " (mask_data=True)" : " (mask_data=False)"));
        }
        return patch.getArray(FeatureType.MASK, name);
    }

    /** A DATA feature. */
    static INDArray data(EOPatch patch, String name, String task) {
        if (!patch.contains(FeatureType.DATA, name)) {
            throw new IllegalArgumentException(task + " needs the data feature (data, " + name + ")");
        }
        return patch.getArray(FeatureType.DATA, name);
    }

    /**
     * The mask's "valid" flags broadcast to {@code shape} (numpy's {@code astype(bool)}: non-zero is true). Each
     * axis of the mask must be 1 or the data's: numpy's masked array refuses a mask of another size.
     */
    static boolean[] broadcastValid(INDArray mask, long[] shape, String task) {
        long[] ms = mask.shape();
        if (ms.length != shape.length) {
            throw new IllegalArgumentException(task + ": the mask's shape " + Arrays.toString(ms)
                    + " does not fit the data's " + Arrays.toString(shape));
        }
        for (int a = 0; a < shape.length; a++) {
            if (ms[a] != 1 && ms[a] != shape[a]) {
                throw new IllegalArgumentException(task + ": the mask's shape " + Arrays.toString(ms)
                        + " does not fit the data's " + Arrays.toString(shape));
            }
        }
        double[] m = NdArrays.toDoubles(mask);
        int n = (int) NdArrays.length(shape);
        boolean[] out = new boolean[n];
        int[] idx = new int[shape.length];
        for (int i = 0; i < n; i++) {
            int rem = i;
            for (int a = shape.length - 1; a >= 0; a--) {
                idx[a] = (int) (rem % shape[a]);
                rem /= (int) shape[a];
            }
            int j = 0;
            for (int a = 0; a < shape.length; a++) {
                j = (int) (j * ms[a] + (ms[a] == 1 ? 0 : idx[a]));
            }
            out[i] = m[j] != 0;
        }
        return out;
    }

    /** Python's index into an axis of {@code size}: negative indices count from the end. */
    static int pyIndex(long index, long size, String what) {
        long i = index < 0 ? index + size : index;
        if (i < 0 || i >= size) {
            throw new IllegalArgumentException(what + " " + index + " is out of range for an axis of " + size);
        }
        return (int) i;
    }

    /** The values of an array as numpy's {@code astype(float32)} gives them (as doubles). */
    static double[] float32Values(INDArray a) {
        double[] v = NdArrays.toDoubles(a);
        if (DType.of(a) != DType.FLOAT64 && DType.of(a) != DType.FLOAT32) {
            if (DType.of(a) == DType.INT64 || DType.of(a) == DType.UINT64) {
                long[] l = NdArrays.toLongs(a);
                boolean unsigned = DType.of(a) == DType.UINT64;
                for (int i = 0; i < v.length; i++) {
                    v[i] = unsigned && l[i] < 0 ? 2f * (float) ((l[i] >>> 1) | (l[i] & 1)) : (float) l[i];
                }
                return v;
            }
        }
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) v[i];
        }
        return v;
    }
}
