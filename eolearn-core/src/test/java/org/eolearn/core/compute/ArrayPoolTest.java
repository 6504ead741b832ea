package org.eolearn.core.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.eolearn.core.DType;
import org.eolearn.core.NdArrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class ArrayPoolTest {

    private static final long[] BIG = {4, 64, 64, 13};

    @AfterEach
    void reset() {
        ArrayPool.setMaxIdleBytes(1L << 30);
        ArrayPool.trim();
    }

    @Test
    void releasedMemoryServesTheNextArrayOfTheSameSize() {
        ArrayPool.trim();
        INDArray a = ArrayPool.uninitialized(DataType.DOUBLE, BIG);
        long address = a.data().address();
        a.putScalar(new long[] {1, 2, 3, 4}, 42.5);
        ArrayPool.Stats before = ArrayPool.stats();
        assertThat(ArrayPool.release(a)).isTrue();
        assertThat(ArrayPool.stats().idleBytes()).isEqualTo(before.idleBytes() + 8L * 4 * 64 * 64 * 13);
        INDArray b = ArrayPool.uninitialized(DataType.DOUBLE, BIG);
        assertThat(b.data().address()).isEqualTo(address);
        assertThat(ArrayPool.stats().hits()).isEqualTo(before.hits() + 1);
        assertThat(b.shape()).containsExactly(BIG);
        assertThat(b.ordering()).isEqualTo('c');
        b.assign(1.5);
        assertThat(b.sumNumber().doubleValue()).isEqualTo(1.5 * 4 * 64 * 64 * 13);
        ArrayPool.release(b);
    }

    @Test
    void aStaleReferenceFailsLoudlyInsteadOfReadingTheNextArray() {
        INDArray a = ArrayPool.uninitialized(DataType.FLOAT, BIG);
        ArrayPool.release(a);
        INDArray b = ArrayPool.uninitialized(DataType.FLOAT, BIG);
        assertThat(a.wasClosed()).isTrue();
        assertThatThrownBy(() -> a.getDouble(0)).isInstanceOf(IllegalStateException.class);
        assertThat(ArrayPool.release(a)).as("released twice").isFalse();
        ArrayPool.release(b);
    }

    @Test
    void zerosAreZeroEvenInReusedMemory() {
        INDArray dirty = ArrayPool.uninitialized(DataType.INT32, BIG);
        dirty.assign(7);
        long address = dirty.data().address();
        ArrayPool.release(dirty);
        INDArray z = ArrayPool.zeros(DataType.INT32, BIG);
        assertThat(z.data().address()).isEqualTo(address);
        assertThat(z.maxNumber().intValue()).isZero();
        assertThat(z.minNumber().intValue()).isZero();
        INDArray small = ArrayPool.zeros(DataType.INT32, 3, 3);
        assertThat(small.sumNumber().intValue()).isZero();
        ArrayPool.release(z);
    }

    @Test
    void everyDtypeRoundTripsThroughPooledMemory() {
        for (DType t : DType.values()) {
            if (t.dataType() == null || t.dataType() == DataType.UTF8) {
                continue;
            }
            long[] shape = {(1 << 21) / t.itemSize() + 3};
            ByteBuffer bytes = ByteBuffer.allocate((int) (shape[0] * t.itemSize())).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < bytes.capacity(); i++) {
                bytes.put(i, (byte) (t == DType.BOOL ? (i % 3 == 0 ? 1 : 0) : i * 31));
            }
            INDArray a = NdArrays.fromBytes(t, shape, bytes);
            assertThat(a.dataType()).as(t.toString()).isEqualTo(t.dataType());
            assertThat(NdArrays.toBytes(a)).as(t.toString()).isEqualTo(bytes.rewind());
            assertThat(ArrayPool.release(a)).isTrue();
        }
    }

    @Test
    void idleMemoryIsBoundedAndTrimmed() {
        long size = 8L * 4 * 64 * 64 * 13;
        ArrayPool.setMaxIdleBytes(size * 2);
        INDArray[] arrays = new INDArray[5];
        for (int i = 0; i < arrays.length; i++) {
            arrays[i] = ArrayPool.uninitialized(DataType.DOUBLE, BIG);
        }
        for (INDArray a : arrays) {
            ArrayPool.release(a);
        }
        assertThat(ArrayPool.stats().idleBytes()).isLessThanOrEqualTo(size * 2);
        ArrayPool.trim();
        assertThat(ArrayPool.stats().idleBytes()).isZero();
        ArrayPool.setMaxIdleBytes(0);
        INDArray unpooled = ArrayPool.uninitialized(DataType.DOUBLE, BIG);
        assertThat(ArrayPool.release(unpooled)).isTrue();
        assertThat(ArrayPool.stats().idleBytes()).isZero();
        assertThatThrownBy(() -> ArrayPool.setMaxIdleBytes(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anArrayNobodyReleasesGivesItsMemoryBackWhenUnreachable() throws InterruptedException {
        ArrayPool.trim();
        int leasedBefore = ArrayPool.stats().leased();
        for (int i = 0; i < 3; i++) {
            ArrayPool.uninitialized(DataType.DOUBLE, BIG).assign(i);
        }
        for (int i = 0; i < 100 && ArrayPool.stats().leased() > leasedBefore; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertThat(ArrayPool.stats().leased()).isEqualTo(leasedBefore);
        assertThat(ArrayPool.stats().idleBytes()).isGreaterThan(0);
    }

    @Test
    void viewsAndSmallArraysAreLeftAlone() {
        INDArray a = ArrayPool.uninitialized(DataType.DOUBLE, BIG);
        INDArray view = a.get(org.nd4j.linalg.indexing.NDArrayIndex.point(1));
        assertThat(ArrayPool.release(view)).isFalse();
        assertThat(a.wasClosed()).isFalse();
        INDArray small = ArrayPool.uninitialized(DataType.DOUBLE, 2, 2);
        long idle = ArrayPool.stats().idleBytes();
        assertThat(ArrayPool.release(small)).isTrue();
        assertThat(ArrayPool.stats().idleBytes()).isEqualTo(idle);
        assertThatThrownBy(() -> ArrayPool.uninitialized(DataType.DOUBLE, 2, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative dimension");
        ArrayPool.release(a);
    }
}
