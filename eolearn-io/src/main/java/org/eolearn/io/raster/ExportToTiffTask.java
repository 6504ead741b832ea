package org.eolearn.io.raster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eolearn.core.BBox;
import org.eolearn.core.CRS;
import org.eolearn.core.DType;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureType;
import org.eolearn.core.NdArrays;
import org.eolearn.core.task.EOTask;
import org.eolearn.core.task.Tasks;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes an array feature to GeoTIFF (eo-learn's {@code ExportToTiffTask}).
 *
 * <p>The image has {@code frames × bands} channels ordered T1B1, ..., T1Bn, T2B1, ...; non-spatial features become
 * 1 × 1 images; the geotransform maps the pixel grid onto the patch bbox and the CRS is the bbox's, unless
 * {@code crs} asks for a reprojection ({@link Warp}). int64 is
 * written as int32 (with a warning), bool as uint8 (with a warning). The execute argument {@code filename} (default
 * {@code ""}: the {@code path} itself) is joined to {@code path}; {@code *} or strftime codes in it give one file
 * per timestamp, a list gives explicit per-timestamp files, {@code null} skips the export (see {@link TiffPaths}).
 * Files are written atomically (temporary file, then move).
 *
 * <pre>{@code
 * ExportToTiffTask task = ExportToTiffTask.builder(Feature.of(FeatureType.DATA, "NDVI"), Path.of("out"))
 *         .bandIndices(0).dateIndices(0, 2, 5).compress("deflate").build();
 * task.execute(List.of(patch), Map.of("filename", "ndvi_*.tif"));
 * }</pre>
 *
 * @since 0.1
 */
public final class ExportToTiffTask implements EOTask {

    private static final Logger LOG = LoggerFactory.getLogger(ExportToTiffTask.class);

    private final Feature feature;
    private final Path path;
    private final int[] bandList;
    private final int[] bandRange;
    private final int[] dateList;
    private final int[] dateRange;
    private final LocalDateTime[] dateTimeRange;
    private final CRS crs;
    private final boolean failOnMissing;
    private final GeoTiff.Compression compress;
    private final DType imageDtype;
    private final Double noDataValue;
    private final String backend;

    private ExportToTiffTask(Builder b) {
        this.feature = b.feature;
        this.path = b.path;
        this.bandList = b.bandList;
        this.bandRange = b.bandRange;
        this.dateList = b.dateList;
        this.dateRange = b.dateRange;
        this.dateTimeRange = b.dateTimeRange;
        this.crs = b.crs;
        this.failOnMissing = b.failOnMissing;
        this.compress = GeoTiff.Compression.parse(b.compress);
        this.imageDtype = b.imageDtype;
        this.noDataValue = b.noDataValue;
        this.backend = RasterBackends.check(b.backend);
        if (!feature.type().isArray()) {
            throw new IllegalArgumentException("feature must be an array feature (data, mask, scalar, label and "
                    + "their timeless forms), got " + feature);
        }
        if (imageDtype == DType.UINT64 || imageDtype == DType.FLOAT16 || imageDtype == DType.BOOL) {
            throw new IllegalArgumentException("image_dtype " + imageDtype.numpyName() + " cannot be written to "
                    + "GeoTIFF");
        }
    }

    /**
     * Starts a builder.
     *
     * @param feature the array feature to export
     * @param path    a file, or a folder the execute argument {@code filename} is resolved against
     * @return the builder
     */
    public static Builder builder(Feature feature, Path path) {
        return new Builder(feature, path);
    }

    @Override
    public Object execute(List<Object> inputs, Map<String, Object> args) {
        Tasks.checkArgs(this, args, "filename");
        EOPatch patch = Tasks.singlePatch(this, inputs);
        Object filename = args.containsKey("filename") ? args.get("filename") : "";
        return execute(patch, filename);
    }

    /**
     * Exports the feature.
     *
     * @param patch    the patch
     * @param filename a String, a List of Strings, or null (no export)
     * @return the unchanged patch
     * @throws IllegalArgumentException if the feature is missing (and {@code fail_on_missing}), the patch has no
     *                                  bbox, or an index is out of range
     * @throws UncheckedIOException     if writing fails (naming the file)
     */
    public EOPatch execute(EOPatch patch, Object filename) {
        if (filename == null) {
            return patch;
        }
        if (!patch.contains(feature.type(), feature.name())) {
            String msg = "Feature " + feature.withoutRename() + " was not found in EOPatch";
            LOG.warn(msg);
            if (failOnMissing) {
                throw new IllegalArgumentException(msg);
            }
            return patch;
        }
        BBox bbox = patch.bbox();
        if (bbox == null) {
            throw new IllegalArgumentException("EOPatch without a bounding box encountered, cannot export to GeoTIFF");
        }
        GeoRaster image = prepare(patch);
        if (crs != null && !crs.equals(bbox.crs())) {
            image = Warp.reproject(image, crs);
        }
        List<Path> files = TiffPaths.paths(path, filename, patch.timestamps());
        RasterBackends.require(backend);
        try {
            if (files.size() > 1) {
                int per = image.bands() / files.size();
                for (int i = 0; i < files.size(); i++) {
                    RasterBackends.write(backend, slice(image, i * per, per), files.get(i), compress);
                }
            } else {
                RasterBackends.write(backend, image, files.get(0), compress);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        return patch;
    }

    private static GeoRaster slice(GeoRaster r, int firstBand, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("cannot split " + r.bands() + " channels over more files");
        }
        int bandBytes = r.height() * r.width() * r.type().itemSize();
        ByteBuffer b = r.data().duplicate();
        b.position(firstBand * bandBytes).limit((firstBand + count) * bandBytes);
        return new GeoRaster(r.type(), count, r.height(), r.width(), b.slice(), r.geoTransform(), r.epsg(),
                r.noData());
    }

    /**
     * Builds the image: selected frames and bands, ordered frame by frame, in the export dtype.
     *
     * @param patch the patch
     * @return the raster
     */
    GeoRaster prepare(EOPatch patch) {
        FeatureType type = feature.type();
        INDArray array = patch.getArray(type, feature.name());
        long[] shape = array.shape();
        int t;
        int h;
        int w;
        int d;
        if (type.isSpatial()) {
            t = type.isTemporal() ? (int) shape[0] : 1;
            h = (int) shape[shape.length - 3];
            w = (int) shape[shape.length - 2];
            d = (int) shape[shape.length - 1];
        } else {
            t = type.isTemporal() ? (int) shape[0] : 1;
            h = 1;
            w = 1;
            d = (int) shape[shape.length - 1];
        }
        int[] bands = selectBands(d);
        int[] frames = type.isTemporal() ? selectFrames(t, patch.timestamps()) : new int[] {0};
        DType source = DType.of(array);
        DType target = imageDtype != null ? imageDtype : source;
        if (target == DType.INT64) {
            LOG.warn("Cannot export {} with dtype numpy.int64. Will export as numpy.int32 instead", feature);
            target = DType.INT32;
        } else if (target == DType.BOOL) {
            LOG.warn("Cannot export {} with dtype bool to GeoTIFF. Will export as numpy.uint8 instead", feature);
            target = DType.UINT8;
        } else if (target == DType.UINT64 || target == DType.FLOAT16) {
            throw new IllegalArgumentException("cannot export " + feature + " with dtype " + target.numpyName()
                    + " to GeoTIFF; set image_dtype");
        }
        ByteBuffer src;
        if (target == source) {
            src = NdArrays.toBytes(array);
        } else {
            src = NdArrays.toBytes(NdArrays.fromDoubles(target, shape, NdArrays.toDoubles(array)));
        }
        src.order(ByteOrder.LITTLE_ENDIAN);
        int item = target.itemSize();
        int channels = frames.length * bands.length;
        byte[] out = new byte[channels * h * w * item];
        int k = 0;
        for (int fi : frames) {
            for (int bi : bands) {
                int base = k * h * w * item;
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        int from = (((fi * h + y) * w + x) * d + bi) * item;
                        src.get(from, out, base + (y * w + x) * item, item);
                    }
                }
                k++;
            }
        }
        BBox bbox = patch.bbox();
        double[] gt = GeoRaster.transformFromBounds(bbox.minX(), bbox.minY(), bbox.maxX(), bbox.maxY(), w, h);
        if (channels == 0) {
            throw new IllegalArgumentException("nothing to export: the band or date selection of " + feature
                    + " is empty");
        }
        return new GeoRaster(target, channels, h, w, ByteBuffer.wrap(out), gt, bbox.crs().epsg(), noDataValue);
    }

    private int[] selectBands(int d) {
        if (bandList != null) {
            int[] out = new int[bandList.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = pyIndex(bandList[i], d, "band_indices");
            }
            return out;
        }
        if (bandRange != null) {
            return pySlice(bandRange[0], bandRange[1] + 1, d);
        }
        return pySlice(0, d, d);
    }

    private int[] selectFrames(int t, List<LocalDateTime> timestamps) {
        if (dateList != null) {
            int[] out = new int[dateList.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = pyIndex(dateList[i], t, "date_indices");
            }
            return out;
        }
        if (dateRange == null && dateTimeRange == null) {
            return pySlice(0, t, t);
        }
        if (timestamps == null) {
            throw new IllegalArgumentException("date_indices as an interval needs the patch timestamps");
        }
        LocalDateTime start;
        LocalDateTime end;
        if (dateRange != null) {
            start = timestamps.get(pyIndex(dateRange[0], timestamps.size(), "date_indices"));
            end = timestamps.get(pyIndex(dateRange[1], timestamps.size(), "date_indices"));
        } else {
            start = dateTimeRange[0];
            end = dateTimeRange[1];
        }
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < timestamps.size() && i < t; i++) {
            LocalDateTime ts = timestamps.get(i);
            if (!ts.isBefore(start) && !ts.isAfter(end)) {
                keep.add(i);
            }
        }
        return keep.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int pyIndex(int i, int n, String param) {
        int j = i < 0 ? i + n : i;
        if (j < 0 || j >= n) {
            throw new IllegalArgumentException(param + ": index " + i + " is out of bounds for size " + n);
        }
        return j;
    }

    private static int[] pySlice(int start, int stop, int n) {
        int a = start < 0 ? Math.max(start + n, 0) : Math.min(start, n);
        int b = stop < 0 ? Math.max(stop + n, 0) : Math.min(stop, n);
        int[] out = new int[Math.max(b - a, 0)];
        for (int i = 0; i < out.length; i++) {
            out[i] = a + i;
        }
        return out;
    }

    @Override
    public Map<String, Object> describe() {
        return Tasks.describe("feature", feature, "path", path.toString(), "date_indices",
                dateList != null ? Arrays.toString(dateList) : dateRange != null ? Arrays.toString(dateRange)
                        : dateTimeRange != null ? Arrays.toString(dateTimeRange) : null,
                "band_indices", bandList != null ? Arrays.toString(bandList)
                        : bandRange != null ? Arrays.toString(bandRange) : null,
                "crs", crs == null ? null : crs.toString(), "fail_on_missing", failOnMissing,
                "compress", compress.name().toLowerCase(java.util.Locale.ROOT),
                "image_dtype", imageDtype == null ? null : imageDtype.numpyName(), "no_data_value", noDataValue,
                "backend", backend);
    }

    /** Configures an {@link ExportToTiffTask} with eo-learn's parameters. */
    public static final class Builder {
        private final Feature feature;
        private final Path path;
        private int[] bandList;
        private int[] bandRange;
        private int[] dateList;
        private int[] dateRange;
        private LocalDateTime[] dateTimeRange;
        private CRS crs;
        private boolean failOnMissing = true;
        private String compress;
        private DType imageDtype;
        private Double noDataValue;
        private String backend = RasterBackends.JAVA;

        private Builder(Feature feature, Path path) {
            this.feature = Objects.requireNonNull(feature, "feature");
            this.path = Objects.requireNonNull(path, "path");
        }

        /**
         * {@code band_indices} as a list: these bands, in this order (negative indices count from the end).
         *
         * @param indices the band indices
         * @return this builder
         */
        public Builder bandIndices(int... indices) {
            this.bandList = indices.clone();
            this.bandRange = null;
            return this;
        }

        /**
         * {@code band_indices} as a tuple: bands {@code first..last}, both inclusive.
         *
         * @param first the first band
         * @param last  the last band
         * @return this builder
         */
        public Builder bandRange(int first, int last) {
            this.bandRange = new int[] {first, last};
            this.bandList = null;
            return this;
        }

        /**
         * {@code date_indices} as a list: these frames, in this order.
         *
         * @param indices the frame indices
         * @return this builder
         */
        public Builder dateIndices(int... indices) {
            this.dateList = indices.clone();
            this.dateRange = null;
            this.dateTimeRange = null;
            return this;
        }

        /**
         * {@code date_indices} as a tuple of two indices: the frames whose timestamps lie between those of frames
         * {@code first} and {@code last} (inclusive).
         *
         * @param first the first frame index
         * @param last  the last frame index
         * @return this builder
         */
        public Builder dateRange(int first, int last) {
            this.dateRange = new int[] {first, last};
            this.dateList = null;
            this.dateTimeRange = null;
            return this;
        }

        /**
         * {@code date_indices} as a tuple of two datetimes: the frames with timestamps in {@code [start, end]}.
         *
         * @param start the start
         * @param end   the end
         * @return this builder
         */
        public Builder dateRange(LocalDateTime start, LocalDateTime end) {
            this.dateTimeRange = new LocalDateTime[] {Objects.requireNonNull(start, "start"),
                Objects.requireNonNull(end, "end")};
            this.dateList = null;
            this.dateRange = null;
            return this;
        }

        /**
         * {@code crs}: reproject to this CRS before writing (nearest neighbour on GDAL's suggested grid, see
         * {@link Warp}); null keeps the patch CRS.
         *
         * @param crs the CRS, or null
         * @return this builder
         */
        public Builder crs(CRS crs) {
            this.crs = crs;
            return this;
        }

        /**
         * {@code fail_on_missing} (default true): fail, or only log a warning, when the feature is missing.
         *
         * @param fail whether to fail
         * @return this builder
         */
        public Builder failOnMissing(boolean fail) {
            this.failOnMissing = fail;
            return this;
        }

        /**
         * {@code compress}: null/"none", "deflate" or "lzw".
         *
         * @param compress the compression
         * @return this builder
         */
        public Builder compress(String compress) {
            GeoTiff.Compression.parse(compress);
            this.compress = compress;
            return this;
        }

        /**
         * {@code image_dtype}: the dtype written (default: the feature's).
         *
         * @param type the dtype, or null
         * @return this builder
         */
        public Builder imageDtype(DType type) {
            this.imageDtype = type;
            return this;
        }

        /**
         * {@code no_data_value}: written as the GDAL_NODATA tag.
         *
         * @param value the value, or null for none
         * @return this builder
         */
        public Builder noDataValue(Double value) {
            this.noDataValue = value;
            return this;
        }

        /**
         * {@code backend}: "java" (default) or "gdal" (needs the GDAL JNI library, see {@link GdalBackend}).
         *
         * @param backend the backend
         * @return this builder
         */
        public Builder backend(String backend) {
            this.backend = backend;
            return this;
        }

        /**
         * Builds the task.
         *
         * @return the task
         * @throws IllegalArgumentException for an invalid combination
         */
        public ExportToTiffTask build() {
            return new ExportToTiffTask(this);
        }
    }
}
