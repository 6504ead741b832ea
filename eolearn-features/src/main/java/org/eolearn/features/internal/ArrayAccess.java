package org.eolearn.features.internal;

import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.eolearn.core.DType;
import org.eolearn.core.NdArrays;
import org.eolearn.core.compute.ArrayPool;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Fast element access for the feature kernels: float32 arrays are read through their native buffer without a
 * per-element conversion, and results are written straight into new arrays. Not part of the public API.
 */
public final class ArrayAccess {

    private ArrayAccess() {
    }

    /**
     * The elements of a float32 array in C order, as a read-only view when the array is plain C-ordered.
     *
     * @param array a float32 array
     * @return the values
     */
    public static FloatBuffer floats(INDArray array) {
        if (DType.of(array) != DType.FLOAT32) {
            throw new IllegalArgumentException("expected a float32 array, got " + DType.of(array).numpyName());
        }
        return NdArrays.contiguousBytes(array).asFloatBuffer();
    }

    /**
     * A new float64 array holding the values.
     *
     * @param values the values, C order
     * @param shape  the shape
     * @return the array
     */
    public static INDArray float64(double[] values, long... shape) {
        INDArray out = values.length == 0 ? Nd4j.create(DataType.DOUBLE, shape, 'c')
                : ArrayPool.uninitialized(DataType.DOUBLE, shape);
        if (values.length > 0) {
            DoubleBuffer target = out.data().asNio().order(ByteOrder.nativeOrder()).asDoubleBuffer();
            target.put(values);
        }
        return out;
    }

    /**
     * A new float32 array holding the values.
     *
     * @param values the values, C order
     * @param shape  the shape
     * @return the array
     */
    public static INDArray float32(float[] values, long... shape) {
        INDArray out = values.length == 0 ? Nd4j.create(DataType.FLOAT, shape, 'c')
                : ArrayPool.uninitialized(DataType.FLOAT, shape);
        if (values.length > 0) {
            FloatBuffer target = out.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
            target.put(values);
        }
        return out;
    }
}
