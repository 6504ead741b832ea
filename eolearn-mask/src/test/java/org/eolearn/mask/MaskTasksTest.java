package org.eolearn.mask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.eolearn.core.BBox;
import org.eolearn.core.CRS;
import org.eolearn.core.DType;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureType;
import org.eolearn.core.NdArrays;
import org.eolearn.core.task.TaskRegistry;
import org.eolearn.core.testing.ParityCase;
import org.eolearn.core.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The mask tasks: parity cases through the registry, eo-learn's test expectations and parameter errors. */
class MaskTasksTest {

    private static final Feature NDVI = Feature.of(FeatureType.DATA, "NDVI");
    private static final Feature CLM = Feature.of(FeatureType.MASK, "CLM");
    private static final Feature LULC = Feature.of(FeatureType.MASK_TIMELESS, "LULC");

    private static JsonNode json(String text) throws IOException {
        return JsonMapper.builder().build().readTree(text.replace('\'', '"'));
    }

    @ParameterizedTest
    @ValueSource(strings = {"mask_feature_nan", "mask_join_and_or", "mask_snow_refscenes"})
    void parityThroughTheRegistry(String id) throws IOException {
        ParityCase c = ParityCase.open(id);
        Object result = c.runThroughRegistry();
        c.assertMatches((EOPatch) result);
    }

    @Test
    void everyMaskCaseOfTheCorpusIsTestedHere() throws IOException {
        List<String> ids = ParityCase.idsOfModule("mask");
        assertThat(ids).containsExactlyInAnyOrder("mask_feature_nan", "mask_join_and_or", "mask_snow_refscenes");
    }

    private static long count(INDArray a, java.util.function.DoublePredicate p) {
        long n = 0;
        for (double v : NdArrays.toDoubles(a)) {
            if (p.test(v)) {
                n++;
            }
        }
        return n;
    }

    // eo-learn tests/mask/test_masking.py on the TestEOPatch, with the counts of spec §6

    @Test
    void ndviWithCloudMaskMasksAsManyAsTheCloudMaskHas() throws IOException {
        EOPatch patch = EOPatch.load(SharedData.testEOPatch());
        new MaskFeatureTask(Feature.of(FeatureType.DATA, "NDVI", "NDVI_MASKED"), CLM, List.of(true)).execute(patch);
        long clm = count(patch.getArray(FeatureType.MASK, "CLM"), v -> v != 0);
        assertThat(clm).isEqualTo(271633);
        assertThat(count(patch.getArray(FeatureType.DATA, "NDVI_MASKED"), Double::isNaN)).isEqualTo(clm);
        assertThat(count(patch.getArray(FeatureType.DATA, "NDVI"), Double::isNaN)).as("input untouched").isZero();
    }

    @Test
    void cloudMaskWithTimelessLulcMasksEveryFrame() throws IOException {
        EOPatch patch = EOPatch.load(SharedData.testEOPatch());
        new MaskFeatureTask(Feature.of(FeatureType.MASK, "CLM", "CLM_MASKED"), LULC, List.of(2), 255)
                .execute(patch);
        INDArray masked = patch.getArray(FeatureType.MASK, "CLM_MASKED");
        assertThat(DType.of(masked)).isEqualTo(DType.of(patch.getArray(FeatureType.MASK, "CLM")));
        assertThat(count(patch.getArray(FeatureType.MASK_TIMELESS, "LULC"), v -> v == 2)).isEqualTo(7601);
        assertThat(count(masked, v -> v == 255)).isEqualTo(516868L); // 7601 * 68 frames * 1 band
    }

    @Test
    void lulcWithItself() throws IOException {
        EOPatch patch = EOPatch.load(SharedData.testEOPatch());
        new MaskFeatureTask(Feature.of(FeatureType.MASK_TIMELESS, "LULC", "LULC_MASKED"), LULC, List.of(1), 100)
                .execute(patch);
        assertThat(count(patch.getArray(FeatureType.MASK_TIMELESS, "LULC_MASKED"), v -> v == 100)).isEqualTo(11);
    }

    @Test
    void validDataIsDataAndNotCloudOnTheTestPatch() throws IOException {
        EOPatch patch = EOPatch.load(SharedData.testEOPatch());
        TaskRegistry.standard().create("AddValidDataMaskTask", json("{'data_mask_feature': ['mask', 'IS_DATA'], "
                + "'valid_data_feature': ['mask', 'VALID']}")).execute(List.of(patch), java.util.Map.of());
        INDArray valid = patch.getArray(FeatureType.MASK, "VALID");
        INDArray expected = patch.getArray(FeatureType.MASK, "IS_VALID");
        assertThat(DType.of(valid)).isEqualTo(DType.BOOL);
        assertThat(NdArrays.nanEquals(valid, expected)).as("IS_VALID == IS_DATA & ~CLM").isTrue();
    }

    // small hand-checked arrays

    private static INDArray bytes(DType type, long[] shape, int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) values[i];
        }
        return NdArrays.fromBytes(type, shape, ByteBuffer.wrap(b));
    }

    @Test
    void multiBandMaskMasksBandByBandAndOneBandMaskEveryBand() {
        INDArray data = NdArrays.fromDoubles(DType.FLOAT32, new long[] {1, 1, 2, 2}, new double[] {1, 2, 3, 4});
        INDArray mask2 = bytes(DType.UINT8, new long[] {1, 1, 2, 2}, 0, 1, 1, 0);
        INDArray out = MaskFeatureTask.mask(data, FeatureType.DATA, mask2, FeatureType.MASK, new double[] {1}, -9);
        assertThat(NdArrays.toDoubles(out)).containsExactly(1, -9, -9, 4);
        INDArray mask1 = bytes(DType.UINT8, new long[] {1, 2, 1}, 0, 1);
        out = MaskFeatureTask.mask(data, FeatureType.DATA, mask1, FeatureType.MASK_TIMELESS, new double[] {1}, -9);
        assertThat(NdArrays.toDoubles(out)).containsExactly(1, 2, -9, -9);
        assertThat(NdArrays.toDoubles(data)).as("input untouched").containsExactly(1, 2, 3, 4);
    }

    @Test
    void maskFeatureRejectsBadShapesAndParameters() {
        INDArray data = NdArrays.zeros(DType.FLOAT32, 2, 3, 3, 2);
        assertThatThrownBy(() -> MaskFeatureTask.mask(data, FeatureType.DATA, NdArrays.zeros(DType.UINT8, 2, 3, 4, 1),
                FeatureType.MASK, new double[] {1}, 0)).hasMessageContaining("spatial dimensions");
        assertThatThrownBy(() -> MaskFeatureTask.mask(data, FeatureType.DATA, NdArrays.zeros(DType.UINT8, 1, 3, 3, 1),
                FeatureType.MASK, new double[] {1}, 0)).hasMessageContaining("temporal dimensions");
        assertThatThrownBy(() -> MaskFeatureTask.mask(data, FeatureType.DATA, NdArrays.zeros(DType.UINT8, 2, 3, 3, 3),
                FeatureType.MASK, new double[] {1}, 0)).hasMessageContaining("3 bands");
        assertThatThrownBy(() -> MaskFeatureTask.mask(NdArrays.zeros(DType.FLOAT32, 3, 3, 1),
                FeatureType.DATA_TIMELESS, NdArrays.zeros(DType.UINT8, 2, 3, 3, 1), FeatureType.MASK,
                new double[] {1}, 0)).hasMessageContaining("timeless");
        assertThatThrownBy(() -> MaskFeatureTask.mask(NdArrays.zeros(DType.UINT8, 2, 3, 3, 1), FeatureType.MASK,
                NdArrays.zeros(DType.UINT8, 2, 3, 3, 1), FeatureType.MASK, new double[] {0}, Double.NaN))
                .hasMessageContaining("no_data_value");
        assertThatThrownBy(() -> new MaskFeatureTask(Feature.of(FeatureType.SCALAR, "X"), CLM, List.of(1)))
                .hasMessageContaining("feature");
        assertThatThrownBy(() -> TaskRegistry.standard().create("MaskFeatureTask", json(
                "{'feature': ['data', 'NDVI'], 'mask_feature': ['mask', 'CLM'], 'mask_values': 10}")))
                .hasMessageContaining("mask_values");
    }

    @Test
    void maskOfAnotherShapeFailsInsideTheTask() {
        EOPatch patch = new EOPatch(new BBox(0, 0, 30, 30, CRS.utm(33, true)), null);
        patch.put(FeatureType.DATA_TIMELESS, "DEM", NdArrays.zeros(DType.FLOAT32, 3, 3, 1));
        patch.put(FeatureType.MASK_TIMELESS, "M", NdArrays.zeros(DType.UINT8, 3, 4, 1));
        MaskFeatureTask task = new MaskFeatureTask(Feature.of(FeatureType.DATA_TIMELESS, "DEM"),
                Feature.of(FeatureType.MASK_TIMELESS, "M"), List.of(0));
        assertThatThrownBy(() -> task.execute(patch)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mask_feature");
    }

    @Test
    void joinMasksAndOrXorAndCallable() throws IOException {
        // eo-learn's test_join_masks: three 10x10 masks
        EOPatch patch = new EOPatch(new BBox(0, 0, 1, 1, CRS.POP_WEB), null);
        int[] a = new int[100];
        int[] b = new int[100];
        for (int y = 2; y < 5; y++) {
            for (int x = 2; x < 5; x++) {
                a[y * 10 + x] = 1;
            }
        }
        for (int y = 0; y < 3; y++) {
            b[y * 10 + 7] = 1;
        }
        b[2 * 10 + 4] = 1; // one pixel in common with a
        patch.put(FeatureType.MASK_TIMELESS, "A", bytes(DType.UINT8, new long[] {10, 10, 1}, a));
        patch.put(FeatureType.MASK_TIMELESS, "B", bytes(DType.UINT8, new long[] {10, 10, 1}, b));
        List<Feature> in = List.of(Feature.of(FeatureType.MASK_TIMELESS, "A"), Feature.of(FeatureType.MASK_TIMELESS,
                "B"));
        Feature out = Feature.of(FeatureType.MASK_TIMELESS, "OUT");
        for (String op : List.of("and", "or", "xor")) {
            new JoinMasksTask(in, out, op).execute(patch);
            INDArray r = patch.getArray(FeatureType.MASK_TIMELESS, "OUT");
            assertThat(DType.of(r)).isEqualTo(DType.BOOL);
            double[] v = NdArrays.toDoubles(r);
            for (int i = 0; i < 100; i++) {
                boolean x = a[i] != 0;
                boolean y = b[i] != 0;
                boolean want = op.equals("and") ? x && y : op.equals("or") ? x || y : x ^ y;
                assertThat(v[i] != 0).as(op + " at " + i).isEqualTo(want);
            }
        }
        assertThat(count(patch.getArray(FeatureType.MASK_TIMELESS, "OUT"), v -> v != 0)).isEqualTo(9 + 4 - 2); // xor: 9 and 4 pixels, one in common
        TaskRegistry.standard().create("JoinMasksTask", json("{'input_features': [['mask_timeless', 'A'], "
                + "['mask_timeless', 'B'], ['mask_timeless', 'B']], 'output_feature': ['mask_timeless', 'SUM'], "
                + "'join_operation': {'callable': 'lambda x, y: x + y'}}")).execute(List.of(patch), java.util.Map.of());
        INDArray sum = patch.getArray(FeatureType.MASK_TIMELESS, "SUM");
        assertThat(DType.of(sum)).isEqualTo(DType.UINT8);
        assertThat(NdArrays.toDoubles(sum)[2 * 10 + 4]).isEqualTo(3);
        assertThat(NdArrays.toDoubles(sum)[7]).isEqualTo(2);
        assertThatThrownBy(() -> new JoinMasksTask(in, out, "nand")).hasMessageContaining("join_operation");
        assertThatThrownBy(() -> TaskRegistry.standard().create("JoinMasksTask", json("{'input_features': "
                + "[['mask', 'A']], 'output_feature': ['mask', 'B'], 'join_operation': 'nand'}")))
                .hasMessageContaining("join_operation");
        patch.put(FeatureType.MASK_TIMELESS, "C", NdArrays.zeros(DType.UINT8, 10, 9, 1));
        assertThatThrownBy(() -> new JoinMasksTask(List.of(Feature.of(FeatureType.MASK_TIMELESS, "A"),
                Feature.of(FeatureType.MASK_TIMELESS, "C")), out, "and").execute(patch))
                .hasMessageContaining("input_features");
    }

    @Test
    void ellipseKernelRowsAreOpenCvs() {
        assertThat(rows(org.eolearn.core.raster.BinaryMorphology.ellipse(1, 1), 1)).containsExactly("1");
        assertThat(rows(org.eolearn.core.raster.BinaryMorphology.ellipse(3, 3), 3)).containsExactly("010", "111", "010");
        assertThat(rows(org.eolearn.core.raster.BinaryMorphology.ellipse(5, 5), 5)).containsExactly("00100", "11111", "11111", "11111",
                "00100");
        assertThat(rows(org.eolearn.core.raster.BinaryMorphology.ellipse(7, 7), 7)).containsExactly("0001000", "0111110", "1111111",
                "1111111", "1111111", "0111110", "0001000");
        // even sizes: the first row has |dy| > r only when the height is even... here r = 2, rows 0..3
        assertThat(rows(org.eolearn.core.raster.BinaryMorphology.ellipse(4, 4), 4)).containsExactly("0010", "1111", "1111", "1111");
        // 9x9: dx = rint(4 * sqrt(1 - dy²/16)): dy=4 -> 0, 3 -> rint(2.6458)=3, 2 -> rint(3.4641)=3, 1 -> 4
        assertThat(rows(org.eolearn.core.raster.BinaryMorphology.ellipse(9, 9), 9)).containsExactly("000010000", "011111110",
                "011111110", "111111111", "111111111", "111111111", "011111110", "011111110", "000010000");
        assertThat(rows(org.eolearn.core.raster.BinaryMorphology.ellipse(5, 3), 5)).containsExactly("00100", "11111", "00100");
        assertThatThrownBy(() -> org.eolearn.core.raster.BinaryMorphology.ellipse(0, 3)).isInstanceOf(IllegalArgumentException.class);
    }

    private static String[] rows(boolean[] k, int w) {
        String[] out = new String[k.length / w];
        for (int i = 0; i < out.length; i++) {
            StringBuilder b = new StringBuilder();
            for (int j = 0; j < w; j++) {
                b.append(k[i * w + j] ? '1' : '0');
            }
            out[i] = b.toString();
        }
        return out;
    }

    @Test
    void dilationGrowsByTheKernelAndIgnoresTheBorder() {
        boolean[] img = new boolean[5 * 5];
        img[0] = true; // corner
        img[2 * 5 + 2] = true; // centre
        boolean[] out = org.eolearn.core.raster.BinaryMorphology.dilate(img, 5, 5, org.eolearn.core.raster.BinaryMorphology.ellipse(3, 3), 3, 3);
        assertThat(rows(out, 5)).containsExactly("11000", "10100", "01110", "00100", "00000");
    }

    private static EOPatch snowPatch() {
        // 1 frame, 1 x 5 pixels, bands [B03, B04, B08, B11] at 0..3 plus one extra band
        double[][] px = {
            {0.5, 0.2, 0.3, 0.1, 9}, // NDSI 0.667 >= 0.4, bright: snow
            {0.2, 0.2, 0.3, 0.1, 9}, // NDSI 0.333, NDVI 0.2: no
            {0.5, 0.2, 0.24, 0.4, 9}, // NDSI 0.111, NDVI 0.0909 within 0.05 of 0.1, bright: snow
            {0.29, 0.2, 0.3, 0.0, 9}, // NDSI 1 but B03 < 0.3: no
            {0.0, 0.0, 0.3, 0.0, 9}, // NDSI 0/0: undefined
        };
        double[] v = new double[5 * 5];
        for (int i = 0; i < 5; i++) {
            System.arraycopy(px[i], 0, v, i * 5, 5);
        }
        EOPatch patch = new EOPatch(new BBox(0, 0, 50, 10, CRS.utm(33, true)),
                List.of(java.time.LocalDateTime.parse("2020-01-01T10:00:00")));
        patch.put(FeatureType.DATA, "BANDS", NdArrays.fromDoubles(DType.FLOAT32, new long[] {1, 1, 5, 5}, v));
        return patch;
    }

    @Test
    void snowMaskThresholdsDilationAndUndefinedPixels() {
        Feature bands = Feature.of(FeatureType.DATA, "BANDS");
        EOPatch p = new SnowMaskTask(bands, new int[] {0, 1, 2, 3}).execute(snowPatch());
        INDArray m = p.getArray(FeatureType.MASK, "SNOW_MASK");
        assertThat(m.shape()).containsExactly(1, 1, 5, 1);
        assertThat(DType.of(m)).isEqualTo(DType.BOOL);
        assertThat(NdArrays.toDoubles(m)).containsExactly(1, 0, 1, 0, 0);
        // undefined_value 1 marks the undefined pixel; dilation 1 spreads snow to the neighbours
        p = new SnowMaskTask(bands, new int[] {-5, -4, -3, -2}, 0.4, 0.3, 1, 1, "S").execute(snowPatch());
        assertThat(NdArrays.toDoubles(p.getArray(FeatureType.MASK, "S"))).containsExactly(1, 1, 1, 1, 1);
        p = new SnowMaskTask(bands, new int[] {0, 1, 2, 3}, 0.4, 0.3, 1, 0, "S").execute(snowPatch());
        assertThat(NdArrays.toDoubles(p.getArray(FeatureType.MASK, "S"))).containsExactly(1, 1, 1, 1, 0);
        // no frames
        EOPatch empty = new EOPatch(new BBox(0, 0, 50, 10, CRS.utm(33, true)), List.of());
        empty.put(FeatureType.DATA, "BANDS", NdArrays.zeros(DType.FLOAT32, 0, 1, 5, 5));
        assertThat(new SnowMaskTask(bands, new int[] {0, 1, 2, 3}, 0.4, 0.3, 2, 0, "S").execute(empty)
                .getArray(FeatureType.MASK, "S").shape()).containsExactly(0, 1, 5, 1);
    }

    @Test
    void snowMaskDilationOnTheReferenceScenesGrowsByTheEllipse() throws IOException {
        EOPatch input = ParityCase.open("mask_snow_refscenes").input();
        Feature bands = Feature.of(FeatureType.DATA, "BANDS");
        double[] plain = NdArrays.toDoubles(new SnowMaskTask(bands, new int[] {2, 3, 7, 11}).execute(input)
                .getArray(FeatureType.MASK, "SNOW_MASK"));
        double[] grown = NdArrays.toDoubles(new SnowMaskTask(bands, new int[] {2, 3, 7, 11}, 0.4, 0.3, 2, 0, "S2")
                .execute(input).getArray(FeatureType.MASK, "S2"));
        assertThat(count(NdArrays.fromDoubles(DType.FLOAT64, new long[] {plain.length}, plain), v -> v != 0))
                .isEqualTo(424);
        boolean[] kernel = org.eolearn.core.raster.BinaryMorphology.ellipse(5, 5);
        int grownCount = 0;
        for (int f = 0; f < 5; f++) {
            for (int y = 0; y < 50; y++) {
                for (int x = 0; x < 50; x++) {
                    boolean near = false;
                    for (int i = 0; i < 5 && !near; i++) {
                        for (int j = 0; j < 5 && !near; j++) {
                            int yy = y + i - 2;
                            int xx = x + j - 2;
                            near = kernel[i * 5 + j] && yy >= 0 && yy < 50 && xx >= 0 && xx < 50
                                    && plain[(f * 50 + yy) * 50 + xx] != 0;
                        }
                    }
                    // the bands have no zeros, so no pixel is undefined: dilated = within the ellipse of snow
                    assertThat(grown[(f * 50 + y) * 50 + x] != 0).as("frame " + f + " at " + y + "," + x)
                            .isEqualTo(near);
                    grownCount += near ? 1 : 0;
                }
            }
        }
        assertThat(grownCount).isGreaterThan(424);
    }

    @Test
    void snowMaskRejectsBadParameters() {
        Feature bands = Feature.of(FeatureType.DATA, "BANDS");
        assertThatThrownBy(() -> new SnowMaskTask(bands, new int[] {0, 1, 2, 5}).execute(snowPatch()))
                .hasMessageContaining("band_indices");
        assertThatThrownBy(() -> new SnowMaskTask(bands, new int[] {0, 1, 2})).hasMessageContaining("band_indices");
        assertThatThrownBy(() -> new SnowMaskTask(Feature.of(FeatureType.DATA_TIMELESS, "B"), new int[] {0, 1, 2, 3}))
                .hasMessageContaining("data_feature");
        assertThatThrownBy(() -> TaskRegistry.standard().create("SnowMaskTask", json(
                "{'data_feature': ['data', 'BANDS'], 'band_indices': [2, 3, 7, 11], 'dilation': 2}")))
                .hasMessageContaining("dilation");
    }

    @Test
    void snowMaskOnBandsWithoutElementsIgnoresIndicesOutOfRangeAsNumpyDoes() {
        // numpy's bands[..., [1, -14, 13, 0]] on a (0, 3, 3, 13) array is (0, 3, 3, 4) with a DeprecationWarning
        EOPatch p = new EOPatch(new BBox(0, 0, 10, 10, CRS.utm(33, true)), List.of());
        p.put(FeatureType.DATA, "BANDS", Nd4j.create(DataType.FLOAT, 0, 3, 3, 13));
        new SnowMaskTask(Feature.of(FeatureType.DATA, "BANDS"), new int[] {1, -14, 13, 0}).execute(p);
        assertThat(p.getArray(FeatureType.MASK, "SNOW_MASK").shape()).containsExactly(0, 3, 3, 1);
        assertThat(DType.of(p.getArray(FeatureType.MASK, "SNOW_MASK"))).isEqualTo(DType.BOOL);
        // with elements, the same indices are refused
        EOPatch full = new EOPatch(new BBox(0, 0, 10, 10, CRS.utm(33, true)),
                List.of(java.time.LocalDateTime.parse("2020-01-01T10:00:00")));
        full.put(FeatureType.DATA, "BANDS", Nd4j.create(DataType.FLOAT, 1, 3, 3, 13));
        assertThatThrownBy(() -> new SnowMaskTask(Feature.of(FeatureType.DATA, "BANDS"), new int[] {1, -14, 13, 0})
                .execute(full)).hasMessageContaining("band_indices [1, -14, 13, 0] do not fit");
    }

    private static EOPatch onePixel(DType type, INDArray values) {
        EOPatch p = new EOPatch(new BBox(0, 0, 10, 10, CRS.utm(33, true)),
                List.of(java.time.LocalDateTime.parse("2020-01-01T10:00:00")));
        p.put(FeatureType.DATA, "BANDS", values);
        return p;
    }

    /** Found by the differential test: eo-learn's arithmetic on float16 and 64-bit bands, its dilation sizes. */
    @Test
    void snowMaskFollowsNumpyOnFloat16And64BitBandsAndNegativeDilation() {
        Feature bands = Feature.of(FeatureType.DATA, "BANDS");
        long[] shape = {1, 1, 1, 4};
        // uint64 wraps in 64 bits: (2^64 - 5 - 3) / (2^64 - 5 + 3) = 1.0 >= 0.4, snow (numpy's answer)
        EOPatch big = onePixel(DType.UINT64, NdArrays.fromLongs(DType.UINT64, shape, new long[] {-5, 0, 1, 3}));
        assertThat(NdArrays.toDoubles(new SnowMaskTask(bands, new int[] {0, 1, 2, 3}).execute(big)
                .getArray(FeatureType.MASK, "SNOW_MASK"))).containsExactly(1);
        // in float16 every step rounds (NDSI exactly float16(0.4) here, numpy's answer on the array: snow)
        EOPatch half = onePixel(DType.FLOAT16, NdArrays.fromDoubles(DType.FLOAT16, shape,
                new double[] {0.95703125, 0.4052734375, 0.2919921875, 0.409912109375}));
        assertThat(NdArrays.toDoubles(new SnowMaskTask(bands, new int[] {0, 1, 2, 3}).execute(half)
                .getArray(FeatureType.MASK, "SNOW_MASK"))).containsExactly(1);
        // a negative dilation_size makes eo-learn's kernel size 2d + 1 non-positive: no dilation; extra indices
        // are checked and ignored
        EOPatch p = new SnowMaskTask(bands, new int[] {0, 1, 2, 3, 4}, 0.4, 0.3, -2, 0, "S").execute(snowPatch());
        assertThat(NdArrays.toDoubles(p.getArray(FeatureType.MASK, "S"))).containsExactly(1, 0, 1, 0, 0);
    }
}
