package org.eolearn.io.raster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.eolearn.core.BBox;
import org.eolearn.core.CRS;
import org.eolearn.core.DType;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureType;
import org.eolearn.core.NdArrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/** eo-learn's test_raster_io export → import round trips, on a synthetic patch with TestEOPatch's bbox. */
class TiffTasksTest {

    static final BBox BBOX = new BBox(465181.0522318204, 5079244.8912012065, 466180.53145382757, 5080254.63349641,
            CRS.utm(33, true));
    static final List<LocalDateTime> DATES = dates(12);

    @TempDir
    Path tmp;

    static List<LocalDateTime> dates(int n) {
        List<LocalDateTime> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(LocalDateTime.of(2017, 1 + i % 12, 1 + 2 * i % 27, 10, i, 30));
        }
        return out;
    }

    static INDArray arange(DType type, long... shape) {
        double[] v = new double[(int) NdArrays.length(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = i;
        }
        return NdArrays.fromDoubles(type, shape, v);
    }

    static EOPatch patch() {
        return new EOPatch(BBOX, DATES);
    }

    /** One eo-learn case: feature type, data, bands (list or tuple), times (list or tuple). */
    record Case(String name, FeatureType type, INDArray data, int[] bands, boolean bandTuple, int[] times,
                boolean timeTuple) {
        @Override
        public String toString() {
            return name;
        }

        ExportToTiffTask.Builder configure(ExportToTiffTask.Builder b) {
            if (bands != null) {
                if (bandTuple) {
                    b.bandRange(bands[0], bands[1]);
                } else {
                    b.bandIndices(bands);
                }
            }
            if (times != null) {
                if (timeTuple) {
                    b.dateRange(times[0], times[1]);
                } else {
                    b.dateIndices(times);
                }
            }
            return b;
        }

        INDArray expected() {
            INDArray e = data;
            if (times != null) {
                int[] idx = timeTuple ? range(times[0], times[1]) : times;
                e = NdArrays.take(e, 0, idx);
            }
            if (bands != null) {
                int[] idx = bandTuple ? range(bands[0], bands[1]) : bands;
                e = NdArrays.take(e, e.rank() - 1, idx);
            }
            if (DType.of(e) == DType.INT64) {
                e = NdArrays.fromDoubles(DType.INT32, e.shape(), NdArrays.toDoubles(e));
            }
            return e;
        }

        Integer timestampSize() {
            return type.isTimeless() ? null : (int) expected().shape()[0];
        }
    }

    static int[] range(int a, int b) {
        int[] r = new int[b - a + 1];
        for (int i = 0; i < r.length; i++) {
            r[i] = a + i;
        }
        return r;
    }

    static Stream<Arguments> cases() {
        INDArray scalar = arange(DType.FLOAT32, 10, 6);
        INDArray mask = arange(DType.UINT16, 5, 3, 2, 1);
        INDArray dataTimeless = arange(DType.FLOAT64, 3, 2, 5);
        INDArray data = arange(DType.FLOAT32, 10, 3, 2, 6);
        return Stream.of(
                new Case("scalar_timeless", FeatureType.SCALAR_TIMELESS, arange(DType.INT64, 3), null, false, null,
                        false),
                new Case("scalar_timeless_list", FeatureType.SCALAR_TIMELESS, arange(DType.INT64, 5),
                        new int[] {3, 0, 2}, false, null, false),
                new Case("scalar_timeless_tuple", FeatureType.SCALAR_TIMELESS, arange(DType.INT64, 6),
                        new int[] {1, 4}, true, null, false),
                new Case("scalar_band_single_time_single", FeatureType.SCALAR, scalar, new int[] {3}, false,
                        new int[] {7}, false),
                new Case("scalar_band_list_time_list", FeatureType.SCALAR, scalar, new int[] {2, 4, 1, 0}, false,
                        new int[] {1, 7, 0, 2, 3}, false),
                new Case("scalar_band_tuple_time_tuple", FeatureType.SCALAR, scalar, new int[] {1, 4}, true,
                        new int[] {2, 8}, true),
                new Case("mask_timeless", FeatureType.MASK_TIMELESS, arange(DType.INT64, 3, 3, 1), null, false, null,
                        false),
                new Case("mask_single", FeatureType.MASK, mask, null, false, new int[] {4}, false),
                new Case("mask_list", FeatureType.MASK, mask, null, false, new int[] {4, 2}, false),
                new Case("mask_tuple_int", FeatureType.MASK, mask, null, false, new int[] {2, 4}, true),
                new Case("data_timeless_band_list", FeatureType.DATA_TIMELESS, dataTimeless, new int[] {2, 4, 1, 0},
                        false, null, false),
                new Case("data_timeless_band_tuple", FeatureType.DATA_TIMELESS, dataTimeless, new int[] {1, 4}, true,
                        null, false),
                new Case("data_band_list_time_list", FeatureType.DATA, data, new int[] {2, 4, 1, 0}, false,
                        new int[] {1, 7, 0, 2, 3}, false),
                new Case("data_band_tuple_time_tuple", FeatureType.DATA, data, new int[] {1, 4}, true,
                        new int[] {2, 8}, true),
                new Case("data_normal", FeatureType.DATA, data, null, false, null, false),
                new Case("uint8", FeatureType.DATA, arange(DType.UINT8, 2, 4, 3, 2), null, false, null, false),
                new Case("int8", FeatureType.DATA_TIMELESS, arange(DType.INT8, 4, 5, 3), null, false, null, false),
                new Case("int16", FeatureType.MASK_TIMELESS, arange(DType.INT16, 7, 5, 2), null, false, null, false),
                new Case("int32", FeatureType.DATA, arange(DType.INT32, 3, 7, 5, 2), new int[] {1}, false, null,
                        false),
                new Case("uint32", FeatureType.DATA_TIMELESS, arange(DType.UINT32, 7, 5, 2), null, false, null,
                        false),
                new Case("float64", FeatureType.DATA, arange(DType.FLOAT64, 4, 9, 11, 3), null, false,
                        new int[] {3, 0}, false),
                new Case("label", FeatureType.LABEL, arange(DType.INT32, 5, 2), null, false, null, false),
                new Case("label_timeless", FeatureType.LABEL_TIMELESS, arange(DType.UINT8, 4), new int[] {2, 3},
                        false, null, false)).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void exportImportRoundTrip(Case c) {
        for (String compress : new String[] {null, "deflate", "lzw"}) {
            EOPatch patch = patch();
            Feature feature = Feature.of(c.type(), c.name());
            patch.put(feature, c.data());
            String file = "temp_file" + (compress == null ? "" : "_" + compress) + ".tiff";
            c.configure(ExportToTiffTask.builder(feature, tmp)).compress(compress).build()
                    .execute(List.of(patch), Map.of("filename", file));
            // as eo-learn's test: the same export reprojected to WGS84 must work (it is not imported back)
            c.configure(ExportToTiffTask.builder(feature, tmp)).crs(CRS.WGS84).compress("lzw").build()
                    .execute(patch, "temp_file_4326.tiff");
            try {
                GeoRaster wgs = GeoTiff.read(tmp.resolve("temp_file_4326.tiff"));
                assertThat(wgs.epsg()).isEqualTo(4326);
                assertThat(wgs.bands()).isEqualTo(c.expected().rank() == 4 ? (int) (c.expected().shape()[0]
                        * c.expected().shape()[3]) : (int) c.expected().length() / (c.type().isSpatial()
                        ? (int) (c.expected().length() / c.expected().shape()[c.expected().rank() - 1]) : 1));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ImportFromTiffTask importTask = ImportFromTiffTask.builder(feature, tmp)
                    .timestampSize(c.timestampSize()).build();
            EOPatch fresh = (EOPatch) importTask.execute(List.of(), Map.of("filename", file));
            EOPatch old = importTask.execute(patch(), file);
            INDArray expected = c.expected();
            for (EOPatch result : List.of(fresh, old)) {
                INDArray actual = result.getArray(c.type(), c.name());
                assertThat(DType.of(actual)).as(c + " dtype").isEqualTo(DType.of(expected));
                assertThat(actual.shape()).as(c + " shape").isEqualTo(expected.shape());
                assertThat(NdArrays.nanEquals(actual, expected)).as(c + " values (" + compress + ")").isTrue();
                assertThat(result.bbox()).isEqualTo(BBOX);
            }
        }
    }

    @Test
    void exportOrderIsTimeMajor() throws IOException {
        EOPatch patch = patch();
        Feature feature = Feature.of(FeatureType.DATA, "D");
        patch.put(feature, arange(DType.FLOAT32, 10, 3, 2, 6));
        ExportToTiffTask.builder(feature, tmp).bandIndices(2, 4, 1, 0).dateIndices(1, 7, 0, 2, 3).build()
                .execute(patch, "x.tif");
        GeoRaster r = GeoTiff.read(tmp.resolve("x.tif"));
        assertThat(r.bands()).isEqualTo(20);
        assertThat(r.height()).isEqualTo(3);
        assertThat(r.width()).isEqualTo(2);
        // channel k = frame k/4 of [1,7,0,2,3], band k%4 of [2,4,1,0]; pixel (0,0) of (t,0,0,b) = t*36 + b
        int[] times = {1, 7, 0, 2, 3};
        int[] bands = {2, 4, 1, 0};
        for (int k = 0; k < 20; k++) {
            float v = r.data().getFloat(k * 6 * 4);
            assertThat(v).isEqualTo(times[k / 4] * 36f + bands[k % 4]);
        }
        double[] gt = r.geoTransform();
        assertThat(gt[0]).isEqualTo(BBOX.minX());
        assertThat(gt[3]).isEqualTo(BBOX.maxY());
        assertThat(gt[1]).isEqualTo((BBOX.maxX() - BBOX.minX()) / 2);
        assertThat(gt[5]).isEqualTo(-(BBOX.maxY() - BBOX.minY()) / 3);
        assertThat(r.epsg()).isEqualTo(32633);
    }

    @Test
    void dateIntervalAsDatetimes() {
        EOPatch patch = patch();
        Feature feature = Feature.of(FeatureType.MASK, "M");
        INDArray mask = arange(DType.UINT16, 5, 3, 2, 1);
        patch.put(feature, mask);
        ExportToTiffTask.builder(feature, tmp).dateRange(DATES.get(2), DATES.get(4)).build().execute(patch, "m");
        assertThat(tmp.resolve("m.tif")).exists();
        INDArray back = ImportFromTiffTask.builder(feature, tmp).timestampSize(3).build()
                .execute(null, "m.tif").getArray(FeatureType.MASK, "M");
        assertThat(NdArrays.nanEquals(back, NdArrays.take(mask, 0, new int[] {2, 3, 4}))).isTrue();
    }

    @Test
    void separateTimestampFiles() {
        EOPatch patch = new EOPatch(BBOX, DATES.subList(0, 10));
        Feature feature = Feature.of(FeatureType.DATA, "D");
        INDArray data = arange(DType.FLOAT32, 10, 3, 2, 6);
        patch.put(feature, data);
        ExportToTiffTask.builder(feature, tmp).build().execute(patch, "temp_file_*");
        for (LocalDateTime t : patch.timestamps()) {
            assertThat(tmp.resolve(TiffPaths.strftime(t, "temp_file_%Y%m%dT%H%M%S.tif"))).exists();
        }
        Path full = tmp.resolve("temp_file_4326_%Y%m%d.tif");
        ExportToTiffTask.builder(feature, full).build().execute(List.of(patch), Map.of());
        for (LocalDateTime t : patch.timestamps()) {
            assertThat(tmp.resolve(TiffPaths.strftime(t, "temp_file_4326_%Y%m%d.tif"))).exists();
        }
        // import with the same template and the patch timestamps: one file per frame
        EOPatch back = ImportFromTiffTask.builder(feature, tmp).build()
                .execute(new EOPatch(BBOX, patch.timestamps()), "temp_file_%Y%m%dT%H%M%S.tiff".replace(".tiff",
                        ".tif"));
        assertThat(NdArrays.nanEquals(back.getArray(FeatureType.DATA, "D"), data)).isTrue();
        // an explicit list of files
        List<String> names = new ArrayList<>();
        for (LocalDateTime t : patch.timestamps()) {
            names.add(TiffPaths.strftime(t, "temp_file_%Y%m%dT%H%M%S.tif"));
        }
        EOPatch listed = ImportFromTiffTask.builder(feature, tmp).timestampSize(10).build().execute(null, names);
        assertThat(NdArrays.nanEquals(listed.getArray(FeatureType.DATA, "D"), data)).isTrue();
        assertThat(listed.bbox()).isEqualTo(BBOX);
        // a missing file names itself
        names.set(9, "temp_file_20201010T000000.tif");
        assertThatThrownBy(() -> ImportFromTiffTask.builder(feature, tmp).timestampSize(10).build()
                .execute(null, names)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("temp_file_20201010T000000.tif");
    }

    @Test
    void relativeSubfolderAndNullFilename() {
        EOPatch patch = patch();
        Feature feature = Feature.of(FeatureType.DATA_TIMELESS, "DEM");
        INDArray dem = arange(DType.FLOAT32, 6, 5, 1);
        patch.put(feature, dem);
        ExportToTiffTask.builder(feature, tmp).build().execute(patch, "relative-path/my-filename.tiff");
        EOPatch back = ImportFromTiffTask.builder(feature, tmp).build().execute(patch(),
                "relative-path/my-filename.tiff");
        assertThat(NdArrays.nanEquals(back.getArray(FeatureType.DATA_TIMELESS, "DEM"), dem)).isTrue();
        Map<String, Object> skip = new java.util.HashMap<>();
        skip.put("filename", null);
        ExportToTiffTask.builder(feature, tmp).build().execute(List.of(patch), skip);
        assertThatThrownBy(() -> ImportFromTiffTask.builder(feature, tmp).build().execute((EOPatch) null, null))
                .hasMessageContaining("cannot be set to None");
    }

    static Stream<Arguments> noDataCases() {
        return Stream.of(Arguments.of(Double.NaN, DType.FLOAT64), Arguments.of(0.0, DType.INT64),
                Arguments.of(null, DType.FLOAT64), Arguments.of(1.0, DType.INT8));
    }

    @ParameterizedTest
    @MethodSource("noDataCases")
    void exportImportSequence(Double noData, DType type) throws IOException {
        EOPatch patch = new EOPatch(new BBox(0, 0, 1, 1, CRS.WGS84), null);
        Feature feature = Feature.of(FeatureType.DATA_TIMELESS, "DATA");
        double[] v = new double[100];
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 10; x++) {
                v[y * 10 + x] = y < 5 && x < 5 ? 1 : y >= 7 && x >= 7 && noData != null ? noData : 0;
            }
        }
        INDArray arr = NdArrays.fromDoubles(type, new long[] {10, 10, 1}, v);
        patch.put(feature, arr);
        ExportToTiffTask.builder(feature, tmp).bandIndices(0).noDataValue(noData).build().execute(patch,
                "test_seq.tiff");
        GeoRaster r = GeoTiff.read(tmp.resolve("test_seq.tiff"));
        assertThat(r.noData()).isEqualTo(noData);
        assertThat(r.epsg()).isEqualTo(4326);
        EOPatch back = ImportFromTiffTask.builder(feature, tmp).noDataValue(noData).build().execute(null,
                "test_seq.tiff");
        INDArray expected = type == DType.INT64 ? NdArrays.fromDoubles(DType.INT32, arr.shape(), v) : arr;
        assertThat(NdArrays.nanEquals(back.getArray(FeatureType.DATA_TIMELESS, "DATA"), expected)).isTrue();
        assertThat(back.bbox()).isEqualTo(patch.bbox());
    }

    @Test
    void missingFeature() {
        Feature feature = Feature.of(FeatureType.MASK_TIMELESS, "feature-not-present");
        EOPatch patch = patch();
        assertThat(ExportToTiffTask.builder(feature, tmp).failOnMissing(false).build().execute(patch, "x.tif"))
                .isSameAs(patch);
        assertThat(tmp.resolve("x.tif")).doesNotExist();
        assertThatThrownBy(() -> ExportToTiffTask.builder(feature, tmp).build().execute(patch, "x.tif"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Feature (mask_timeless, feature-not-present) was not found in EOPatch");
    }

    @Test
    void wrongBandOrDateIndexNamesTheParameter() {
        EOPatch patch = patch();
        Feature feature = Feature.of(FeatureType.DATA, "data");
        patch.put(feature, arange(DType.FLOAT64, 10, 3, 2, 6));
        assertThatThrownBy(() -> ExportToTiffTask.builder(feature, tmp).bandIndices(2, 9).build()
                .execute(patch, "bad.tif")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("band_indices").hasMessageContaining("9");
        assertThatThrownBy(() -> ExportToTiffTask.builder(feature, tmp).dateIndices(1, 70).build()
                .execute(patch, "bad.tif")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("date_indices").hasMessageContaining("70");
        assertThat(tmp.resolve("bad.tif")).doesNotExist();
    }

    @Test
    void timestampSizeMustDivideChannels() {
        EOPatch patch = patch();
        Feature feature = Feature.of(FeatureType.DATA_TIMELESS, "D");
        patch.put(feature, arange(DType.FLOAT32, 3, 2, 5));
        ExportToTiffTask.builder(feature, tmp).build().execute(patch, "five.tif");
        assertThatThrownBy(() -> ImportFromTiffTask.builder(Feature.of(FeatureType.DATA, "D"), tmp).timestampSize(2)
                .build().execute(null, "five.tif")).hasMessageContaining("not divisible");
    }

    @Test
    void corruptAndTruncatedFilesNameTheFile() throws IOException {
        EOPatch patch = patch();
        Feature feature = Feature.of(FeatureType.DATA_TIMELESS, "D");
        patch.put(feature, arange(DType.FLOAT32, 30, 20, 3));
        ExportToTiffTask.builder(feature, tmp).build().execute(patch, "good.tif");
        byte[] good = Files.readAllBytes(tmp.resolve("good.tif"));
        Path truncated = tmp.resolve("truncated.tif");
        Files.write(truncated, java.util.Arrays.copyOf(good, good.length / 2));
        Path garbage = tmp.resolve("garbage.tif");
        Files.writeString(garbage, "this is not a tiff at all");
        Path empty = tmp.resolve("empty.tif");
        Files.write(empty, new byte[0]);
        ImportFromTiffTask task = ImportFromTiffTask.builder(feature, tmp).build();
        for (Path bad : List.of(truncated, garbage, empty)) {
            assertThatThrownBy(() -> task.execute(null, bad.getFileName().toString()))
                    .isInstanceOf(UncheckedIOException.class).hasMessageContaining(bad.toString());
        }
        assertThatThrownBy(() -> task.execute(null, "does-not-exist.tif"))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("does-not-exist.tif");
    }

    @Test
    void failedWriteLeavesNoPartialFile() throws IOException {
        // a raster GeoTIFF cannot hold (uint64) fails before anything is written; a failing target leaves nothing
        GeoRaster r = new GeoRaster(DType.UINT64, 1, 1, 1, java.nio.ByteBuffer.allocate(8), null, null, null);
        assertThatThrownBy(() -> GeoTiff.write(r, tmp.resolve("u64.tif"), GeoTiff.Compression.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("uint64");
        Path dirAsTarget = tmp.resolve("occupied");
        Files.createDirectories(dirAsTarget.resolve("child"));
        GeoRaster ok = new GeoRaster(DType.UINT8, 1, 2, 2, java.nio.ByteBuffer.allocate(4), null, null, null);
        assertThatThrownBy(() -> GeoTiff.write(ok, dirAsTarget, GeoTiff.Compression.NONE))
                .isInstanceOf(IOException.class).hasMessageContaining("occupied");
        try (Stream<Path> files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).allMatch(n -> !n.endsWith(".tmp"));
        }
        // overwriting replaces the whole file
        GeoTiff.write(ok, tmp.resolve("a.tif"), GeoTiff.Compression.NONE);
        GeoRaster bigger = new GeoRaster(DType.FLOAT64, 2, 3, 3, java.nio.ByteBuffer.allocate(144), null, 4326,
                null);
        GeoTiff.write(bigger, tmp.resolve("a.tif"), GeoTiff.Compression.DEFLATE);
        assertThat(GeoTiff.read(tmp.resolve("a.tif"))).isEqualTo(bigger);
    }

    @Test
    void lzwRoundTripsRandomAndRepetitiveData() {
        java.util.Random rnd = new java.util.Random(7);
        for (int n : new int[] {0, 1, 2, 255, 511, 512, 513, 5000, 100_000}) {
            for (int mode = 0; mode < 3; mode++) {
                byte[] in = new byte[n];
                for (int i = 0; i < n; i++) {
                    in[i] = (byte) (mode == 0 ? rnd.nextInt(256) : mode == 1 ? i / 7 : rnd.nextInt(3));
                }
                byte[] enc = TiffLzw.encode(in);
                assertThat(TiffLzw.decode(enc, n)).as("n=" + n + " mode=" + mode).isEqualTo(in);
            }
        }
    }

    static GeoRaster crop(GeoRaster r, int x0, int y0, int w, int h) {
        int item = r.type().itemSize();
        java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(r.bands() * h * w * item);
        for (int b = 0; b < r.bands(); b++) {
            for (int y = 0; y < h; y++) {
                byte[] row = new byte[w * item];
                r.data().get(((b * r.height() + y0 + y) * r.width() + x0) * item, row);
                out.put(row);
            }
        }
        out.flip();
        double[] gt = r.geoTransform();
        return new GeoRaster(r.type(), r.bands(), h, w, out, new double[] {gt[0] + x0 * gt[1], gt[1], 0,
            gt[3] + y0 * gt[5], 0, gt[5]}, r.epsg(), r.noData());
    }

    @Test
    void regionsReadOnlyWhatTheyNeed() throws IOException {
        java.util.Random rnd = new java.util.Random(9);
        java.nio.ByteBuffer data = java.nio.ByteBuffer.allocate(3 * 300 * 70 * 2).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        while (data.hasRemaining()) {
            data.putShort((short) rnd.nextInt());
        }
        data.flip();
        GeoRaster r = new GeoRaster(DType.INT16, 3, 300, 70, data, new double[] {100, 2, 0, 900, 0, -2}, 32633, -1.0);
        for (GeoTiff.Compression c : GeoTiff.Compression.values()) {
            Path f = tmp.resolve("region-" + c + ".tif");
            GeoTiff.write(r, f, c);
            assertThat(GeoTiff.info(f)).isEqualTo(new GeoTiff.Info(DType.INT16, 3, 300, 70, r.geoTransform(), 32633,
                    -1.0));
            for (int[] q : new int[][] {{0, 0, 70, 300}, {5, 7, 20, 1}, {69, 299, 1, 1}, {10, 200, 60, 100},
                {0, 0, 0, 0}}) {
                assertThat(GeoTiff.readRegion(f, q[0], q[1], q[2], q[3])).as(c + " " + java.util.Arrays.toString(q))
                        .isEqualTo(crop(r, q[0], q[1], q[2], q[3]));
            }
            assertThatThrownBy(() -> GeoTiff.readRegion(f, 60, 0, 11, 1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(f.toString());
        }
        // windowed import (partial read) equals the window cut from the fully read image, also past the edges
        Path f = tmp.resolve("region-DEFLATE.tif");
        Feature feature = Feature.of(FeatureType.DATA_TIMELESS, "W");
        for (BBox b : new BBox[] {new BBox(113.3, 500.1, 151.7, 777.7, CRS.utm(33, true)),
            new BBox(50, 250, 130, 400, CRS.utm(33, true)), new BBox(230, 800, 300, 1000, CRS.utm(33, true)),
            new BBox(500, 500, 600, 600, CRS.utm(33, true))}) {
            INDArray got = ImportFromTiffTask.builder(feature, f).build().execute(new EOPatch(b, null), "")
                    .getArray(FeatureType.DATA_TIMELESS, "W");
            GeoRaster expected = RasterWindow.read(r, b.minX(), b.minY(), b.maxX(), b.maxY(), null);
            assertThat(got.shape()).containsExactly(expected.height(), expected.width(), 3);
            EOPatch viaFull = new EOPatch(b, null);
            java.nio.ByteBuffer bytes = NdArrays.toBytes(got);
            for (int bd = 0; bd < 3; bd++) {
                for (int i = 0; i < expected.height(); i++) {
                    for (int j = 0; j < expected.width(); j++) {
                        assertThat(bytes.getShort(((i * expected.width() + j) * 3 + bd) * 2))
                                .isEqualTo(expected.data().getShort(((bd * expected.height() + i) * expected.width()
                                        + j) * 2));
                    }
                }
            }
            assertThat(viaFull.bbox()).isEqualTo(b);
        }
    }

    static void forEachCase(Consumer<Case> action) {
        cases().forEach(a -> action.accept((Case) a.get()[0]));
    }
}
