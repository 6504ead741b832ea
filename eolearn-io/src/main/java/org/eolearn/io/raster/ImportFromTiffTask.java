package org.eolearn.io.raster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
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

/**
 * Reads GeoTIFF files into an array feature (eo-learn's {@code ImportFromTiffTask}).
 *
 * <p>With a patch bbox only the pixels covering the bbox are read, exactly as eo-learn reads them with rasterio
 * (see {@link RasterWindow}; the bbox is first transformed to the image CRS by its two corners), pixels outside
 * the image getting {@code no_data_value} (or the file's no-data value, or 0). A bbox equal to the image bounds
 * reads the whole image. Without a patch (or a patch without bbox) the whole image is read and the bbox is set
 * from the image. Several files are concatenated along the channel axis (their bboxes must agree). A timeless
 * feature gets the channels last; a temporal feature splits them into {@code timestamp_size} frames (default:
 * the number of timestamps, or 1) of {@code channels / frames} bands, the inverse of {@link ExportToTiffTask}'s
 * T1B1, T1B2, ... order. Non-spatial features are flattened first.
 *
 * <pre>{@code
 * ImportFromTiffTask task = ImportFromTiffTask.builder(Feature.of(FeatureType.MASK_TIMELESS, "TIF"),
 *         Path.of("image.tiff")).build();
 * EOPatch withTif = task.execute(patch, "");
 * }</pre>
 *
 * @since 0.1
 */
public final class ImportFromTiffTask implements EOTask {

    private final Feature feature;
    private final Path path;
    private final Integer timestampSize;
    private final DType imageDtype;
    private final Double noDataValue;
    private final String backend;

    private ImportFromTiffTask(Builder b) {
        this.feature = b.feature;
        this.path = b.path;
        this.timestampSize = b.timestampSize;
        this.imageDtype = b.imageDtype;
        this.noDataValue = b.noDataValue;
        this.backend = RasterBackends.check(b.backend);
        if (!feature.type().isArray()) {
            throw new IllegalArgumentException("feature must be an array feature, got " + feature);
        }
        if (timestampSize != null && timestampSize < 1) {
            throw new IllegalArgumentException("timestamp_size must be positive, got " + timestampSize);
        }
    }

    /**
     * Starts a builder.
     *
     * @param feature the feature to create
     * @param path    a file, or a folder the execute argument {@code filename} is resolved against
     * @return the builder
     */
    public static Builder builder(Feature feature, Path path) {
        return new Builder(feature, path);
    }

    @Override
    public Object execute(List<Object> inputs, Map<String, Object> args) {
        Tasks.checkArgs(this, args, "filename");
        EOPatch patch;
        if (inputs.isEmpty() || (inputs.size() == 1 && inputs.get(0) == null)) {
            patch = null;
        } else {
            patch = Tasks.singlePatch(this, inputs);
        }
        Object filename = args.containsKey("filename") ? args.get("filename") : "";
        return execute(patch, filename);
    }

    /**
     * Imports the files.
     *
     * @param patch    the patch, or null to create one
     * @param filename a String, a List of Strings, or null (nothing is read)
     * @return the patch with the new feature
     * @throws IllegalArgumentException if channels do not split into frames, or the files' bboxes differ
     * @throws UncheckedIOException     if a file is missing or unreadable (naming it)
     */
    public EOPatch execute(EOPatch patch, Object filename) {
        if (filename == null) {
            if (patch == null) {
                throw new IllegalArgumentException("Both eopatch and filename parameters cannot be set to None");
            }
            return patch;
        }
        RasterBackends.require(backend);
        BBox loadingBbox = patch == null ? null : patch.bbox();
        List<LocalDateTime> timestamps = patch == null || patch.timestamps() == null ? List.of()
                : patch.timestamps();
        List<Path> files = TiffPaths.paths(path, filename, timestamps);
        List<GeoRaster> parts = new ArrayList<>();
        BBox finalBbox = null;
        for (Path file : files) {
            Object[] read;
            try {
                read = load(file, loadingBbox);
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage() == null || !e.getMessage().contains(file.toString())
                        ? file + ": " + e.getMessage() : e.getMessage(), e);
            }
            parts.add((GeoRaster) read[0]);
            BBox b = (BBox) read[1];
            if (b == null) {
                continue;
            }
            if (finalBbox != null && !b.equals(finalBbox)) {
                throw new IllegalArgumentException("Given images have different geo-references. They can't be "
                        + "imported into an EOPatch that doesn't have a bounding box (" + file + ")");
            }
            finalBbox = b;
        }
        GeoRaster first = parts.get(0);
        int h = first.height();
        int w = first.width();
        int channels = 0;
        for (GeoRaster p : parts) {
            if (p.height() != h || p.width() != w || p.type() != first.type()) {
                throw new IllegalArgumentException("cannot concatenate images of different sizes or dtypes: "
                        + files);
            }
            channels += p.bands();
        }
        EOPatch out = patch == null ? new EOPatch(finalBbox, null) : patch;
        if (out.bbox() == null && finalBbox != null) {
            out.setBbox(finalBbox);
        }
        ByteBuffer all = ByteBuffer.allocate(channels * h * w * first.type().itemSize());
        for (GeoRaster p : parts) {
            all.put(p.data().duplicate());
        }
        all.flip();
        DType type = first.type();
        FeatureType ft = feature.type();
        // (C, h, w) in the file's dtype, then eo-learn's axes
        long[] shape;
        int frames = 1;
        if (ft.isTimeless()) {
            shape = ft.isSpatial() ? new long[] {h, w, channels} : new long[] {(long) channels * h * w};
        } else {
            frames = timestampSize != null ? timestampSize
                    : out.timestamps() != null && !out.timestamps().isEmpty() ? out.timestamps().size() : 1;
            long total = ft.isSpatial() ? channels : (long) channels * h * w;
            if (total % frames != 0) {
                throw new IllegalArgumentException("Cannot import as a time-dependant feature because the number of "
                        + "tiff image channels (" + total + ") is not divisible by the number of timestamps ("
                        + frames + ")");
            }
            shape = ft.isSpatial() ? new long[] {frames, h, w, channels / frames}
                    : new long[] {frames, total / frames};
        }
        ByteBuffer arranged = ft.isSpatial() ? channelsLast(all, channels, h, w, type.itemSize(), frames) : all;
        INDArray array = NdArrays.fromBytes(type, shape, arranged);
        if (imageDtype != null && imageDtype != type) {
            array = NdArrays.fromDoubles(imageDtype, shape, NdArrays.toDoubles(array));
        }
        out.put(feature.type(), feature.outputName(), array);
        return out;
    }

    /** (frames·d, h, w) → (frames, h, w, d). */
    private static ByteBuffer channelsLast(ByteBuffer src, int channels, int h, int w, int item, int frames) {
        int d = channels / frames;
        byte[] out = new byte[src.remaining()];
        for (int c = 0; c < channels; c++) {
            int f = c / d;
            int b = c % d;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int from = ((c * h + y) * w + x) * item;
                    int to = (((f * h + y) * w + x) * d + b) * item;
                    src.get(from, out, to, item);
                }
            }
        }
        return ByteBuffer.wrap(out);
    }

    /**
     * eo-learn's reading window and bbox: {raster, bbox or null}. With the Java backend only the strips or tiles
     * under the window are read.
     */
    private Object[] load(Path file, BBox bbox) throws IOException {
        GeoTiff.Info info;
        GeoRaster full = null;
        if (backend.equals(RasterBackends.JAVA)) {
            info = GeoTiff.info(file);
        } else {
            full = RasterBackends.read(backend, file);
            info = new GeoTiff.Info(full.type(), full.bands(), full.height(), full.width(), full.geoTransform(),
                    full.epsg(), full.noData());
        }
        double[] gt = info.geoTransform();
        if (info.epsg() == null || gt == null) {
            return new Object[] {full != null ? full : GeoTiff.read(file), bbox};
        }
        double x0 = gt[0];
        double x1 = gt[0] + info.width() * gt[1] + info.height() * gt[2];
        double y0 = gt[3];
        double y1 = gt[3] + info.width() * gt[4] + info.height() * gt[5];
        BBox imageBbox = new BBox(Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1),
                new CRS(info.epsg()));
        if (bbox == null) {
            return new Object[] {full != null ? full : GeoTiff.read(file), imageBbox};
        }
        BBox inImageCrs;
        try {
            inImageCrs = Crs.transformCorners(bbox, imageBbox.crs());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": cannot transform the patch bbox to the image CRS "
                    + imageBbox.crs() + ": " + e.getMessage(), e);
        }
        if (inImageCrs.equals(imageBbox)) {
            return new Object[] {full != null ? full : GeoTiff.read(file), bbox};
        }
        RasterWindow.Plan plan = RasterWindow.plan(gt, inImageCrs.minX(), inImageCrs.minY(), inImageCrs.maxX(),
                inImageCrs.maxY(), info.height(), info.width());
        if (full != null) {
            return new Object[] {plan.sample(full, 0, 0, info.height(), info.width(), noDataValue), bbox};
        }
        int[] region = plan.region(info.height(), info.width());
        GeoRaster part = GeoTiff.readRegion(file, region[0], region[1], region[2], region[3]);
        return new Object[] {plan.sample(part, region[0], region[1], info.height(), info.width(), noDataValue),
            bbox};
    }

    @Override
    public Map<String, Object> describe() {
        return Tasks.describe("feature", feature, "path", path.toString(), "timestamp_size", timestampSize,
                "image_dtype", imageDtype == null ? null : imageDtype.numpyName(), "no_data_value", noDataValue,
                "backend", backend);
    }

    /** Configures an {@link ImportFromTiffTask} with eo-learn's parameters. */
    public static final class Builder {
        private final Feature feature;
        private final Path path;
        private Integer timestampSize;
        private DType imageDtype;
        private Double noDataValue;
        private String backend = RasterBackends.JAVA;

        private Builder(Feature feature, Path path) {
            this.feature = Objects.requireNonNull(feature, "feature");
            this.path = Objects.requireNonNull(path, "path");
        }

        /**
         * {@code timestamp_size}: the number of frames of a temporal feature.
         *
         * @param size the frames, or null for the number of timestamps (or 1)
         * @return this builder
         */
        public Builder timestampSize(Integer size) {
            this.timestampSize = size;
            return this;
        }

        /**
         * {@code image_dtype}: cast the imported data to this dtype.
         *
         * @param type the dtype, or null to keep the file's
         * @return this builder
         */
        public Builder imageDtype(DType type) {
            this.imageDtype = type;
            return this;
        }

        /**
         * {@code no_data_value}: the value of pixels outside the image.
         *
         * @param value the value, or null
         * @return this builder
         */
        public Builder noDataValue(Double value) {
            this.noDataValue = value;
            return this;
        }

        /**
         * {@code backend}: "java" (default) or "gdal".
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
         */
        public ImportFromTiffTask build() {
            return new ImportFromTiffTask(this);
        }
    }
}
