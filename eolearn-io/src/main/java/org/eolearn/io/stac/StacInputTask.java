package org.eolearn.io.stac;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eolearn.core.BBox;
import org.eolearn.core.CRS;
import org.eolearn.core.DType;
import org.eolearn.core.EOPatch;
import org.eolearn.core.task.EOTask;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureType;
import org.eolearn.core.NdArrays;
import org.eolearn.core.task.Tasks;
import org.eolearn.io.geo.GeoUtils;
import org.eolearn.io.raster.CogReader;
import org.eolearn.io.raster.GeoRaster;
import org.eolearn.io.raster.GridWarp;
import org.eolearn.io.sentinelhub.InputArgs;

/**
 * Fills a patch from a STAC catalogue's cloud-optimised GeoTIFFs, the open-data counterpart of eo-learn's
 * {@code SentinelHubInputTask}: searches the catalogue for the patch's box and time interval (with a maximal cloud
 * cover), merges items of one pass ({@code time_difference}), and reads every asset's window through
 * {@link CogReader} (HTTP range requests, the right overview) onto the patch grid with {@link GridWarp} (nearest or
 * bilinear, as {@code gdalwarp}). Items of one timestamp are mosaicked (the first item, in time order, that has a
 * valid pixel gives it). Band values get the asset's scale and offset ({@code raster:bands}); Sentinel-2 assets
 * without them are scaled to reflectance by 1/10000, minus 0.1 from processing baseline 04.00. The outputs are the
 * bands ({@code DATA}, {@code (t, h, w, bands)}), and on request {@code dataMask} (valid in every band), the
 * scene classification {@code SCL} (uint8) and masks derived from it (each may be renamed, as
 * {@code [mask, dataMask, IS_DATA]}): {@code CLM} (cloud medium/high probability
 * and cirrus: SCL 8, 9, 10), {@code CLOUD_SHADOW} (3), {@code CIRRUS} (10), {@code SNOW} (11), {@code WATER} (6).
 *
 * <p>Everything is read before the patch is touched: a failing asset leaves the patch as it was and names the item
 * and the asset.
 *
 * <pre>{@code
 * try (DownloadClient http = DownloadClient.create(SHConfig.builder().build())) {
 *     StacClient stac = StacClient.of(Catalogue.EARTH_SEARCH, http);
 *     StacInputTask input = StacInputTask.builder(stac).bands(List.of("B03", "B08")).resolution(10).maxcc(0.5)
 *             .additionalData(List.of(Feature.of(FeatureType.MASK, "dataMask"), Feature.of(FeatureType.MASK, "CLM")))
 *             .build();
 *     EOPatch patch = input.execute(null, bbox, new LocalDateTime[] {from, to});
 * }
 * }</pre>
 *
 * @since 0.1
 */
public final class StacInputTask implements EOTask {

    /** The masks derived from SCL and the classes that set them. */
    static final Map<String, Set<Integer>> SCL_MASKS = Map.of("CLM", Set.of(8, 9, 10), "CLOUD_SHADOW", Set.of(3),
            "CIRRUS", Set.of(10), "SNOW", Set.of(11), "WATER", Set.of(6));
    private static final String DATA_MASK = "dataMask";
    private static final String SCL = "SCL";
    private static final int THREADS = 4;

    private final StacClient client;
    private final String collection;
    private final Feature bandsFeature;
    private final List<String> bands;
    private final List<Feature> additionalData;
    private final double resolution;
    private final int[] size;
    private final double maxcc;
    private final Duration timeDifference;
    private final GridWarp.Resampling resampling;
    private final DType bandsDtype;
    private final AssetSigner signer;
    private final int maxItems;

    private StacInputTask(Builder b) {
        this.client = b.client;
        this.collection = b.collection != null ? b.collection : b.client.catalogue().defaultCollection();
        if (collection == null) {
            throw new IllegalArgumentException("collection is required for a catalogue without a default one ("
                    + b.client.root() + ")");
        }
        this.bandsFeature = b.bandsFeature;
        this.bands = b.bands != null ? List.copyOf(b.bands) : defaultBands(b.client.catalogue());
        this.additionalData = List.copyOf(b.additionalData);
        for (Feature f : additionalData) {
            if (f.type() != FeatureType.MASK || !(f.name().equals(DATA_MASK) || f.name().equals(SCL)
                    || SCL_MASKS.containsKey(f.name()))) {
                throw new IllegalArgumentException("additional_data must be MASK features named dataMask, SCL, "
                        + String.join(", ", new java.util.TreeSet<>(SCL_MASKS.keySet())) + "; got " + f);
            }
        }
        if (bandsFeature != null && bands.isEmpty()) {
            throw new IllegalArgumentException("bands must name at least one band (a catalogue without Sentinel-2 "
                    + "presets has no default bands)");
        }
        if (bandsFeature != null && bandsFeature.type() != FeatureType.DATA) {
            throw new IllegalArgumentException("bands_feature must be a DATA feature, got " + bandsFeature);
        }
        if ((b.resolution == null) == (b.size == null)) {
            throw new IllegalArgumentException("Exactly one of the parameters 'size' and 'resolution' should be "
                    + "given.");
        }
        this.resolution = b.resolution == null ? Double.NaN : b.resolution;
        this.size = b.size == null ? null : b.size.clone();
        this.maxcc = b.maxcc;
        this.timeDifference = b.timeDifference;
        this.resampling = b.resampling;
        this.bandsDtype = b.bandsDtype;
        this.signer = b.signer != null ? b.signer : b.client.signer();
        this.maxItems = b.maxItems;
    }

    private static List<String> defaultBands(Catalogue c) {
        List<String> out = new ArrayList<>();
        for (String id : c.assetKeys().keySet()) {
            if (!id.equals(SCL)) {
                out.add(id);
            }
        }
        return out;
    }

    /**
     * A builder with eo-learn's defaults: bands into {@code DATA/BANDS}, all Level-2A bands of a Sentinel-2
     * preset, maxcc 1, time difference 1 hour, nearest resampling, float32 reflectances.
     *
     * @param client the catalogue
     * @return the builder (set {@code resolution} or {@code size})
     */
    public static Builder builder(StacClient client) {
        return new Builder(client);
    }

    @Override
    public Object execute(List<Object> inputs, Map<String, Object> args) {
        Tasks.checkArgs(this, args, "bbox", "time_interval");
        EOPatch patch = null;
        if (inputs.size() == 1 && inputs.get(0) instanceof EOPatch p) {
            patch = p;
        } else if (!inputs.isEmpty() && !(inputs.size() == 1 && inputs.get(0) == null)) {
            throw new IllegalArgumentException(name() + " takes no input or one patch, got "
                    + Tasks.describeInputs(inputs));
        }
        return execute(patch, InputArgs.bbox(args.get("bbox")), InputArgs.timeInterval(args.get("time_interval")));
    }

    /**
     * Runs the task.
     *
     * @param patch        an existing patch, or null for a new one
     * @param bbox         the box, or null to use the patch's
     * @param timeInterval {@code {from, to}} (UTC)
     * @return the patch with the features and timestamps
     */
    public EOPatch execute(EOPatch patch, BBox bbox, LocalDateTime[] timeInterval) {
        BBox area = InputArgs.area(patch, bbox);
        if (timeInterval == null) {
            throw new IllegalArgumentException(name() + " needs a time_interval");
        }
        int[] wh = size != null ? size : GeoUtils.bboxToDimensions(area, resolution, resolution);
        GridWarp.Grid grid = GridWarp.Grid.of(area, wh[0], wh[1]);
        List<List<StacItem>> passes = passes(search(area, timeInterval));
        List<LocalDateTime> timestamps = new ArrayList<>();
        for (List<StacItem> p : passes) {
            timestamps.add(LocalDateTime.ofInstant(p.get(0).datetime(), ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS));
        }
        if (patch != null && patch.timestamps() != null && !patch.timestamps().isEmpty()
                && !patch.timestamps().equals(timestamps)) {
            throw new IllegalArgumentException("Trying to write data to an existing EOPatch with a different "
                    + "timestamp.");
        }
        boolean needScl = additionalData.stream().anyMatch(f -> !f.name().equals(DATA_MASK));
        List<String> reads = new ArrayList<>(bandsFeature == null ? List.of() : bands);
        if (needScl) {
            reads.add(SCL);
        }
        if (reads.isEmpty()) {
            reads.add(bands.isEmpty() ? SCL : bands.get(0)); // dataMask alone: the first band's validity
        }
        Planes planes = read(passes, reads, grid);
        EOPatch out = patch == null ? new EOPatch() : patch;
        out.setBbox(area);
        out.setTimestamps(timestamps);
        int t = passes.size();
        int h = wh[1];
        int w = wh[0];
        int n = h * w;
        if (bandsFeature != null) {
            DType type = bandsDtype;
            ByteBuffer data = ByteBuffer.allocate(t * n * bands.size() * type.itemSize()).order(ByteOrder.LITTLE_ENDIAN);
            for (int ti = 0; ti < t; ti++) {
                for (int p = 0; p < n; p++) {
                    for (int b = 0; b < bands.size(); b++) {
                        double v = planes.valid[ti][b][p] ? planes.values[ti][b][p] : 0;
                        putSample(data, type, v);
                    }
                }
            }
            data.flip();
            out.put(Feature.of(bandsFeature.type(), bandsFeature.outputName()), NdArrays.fromBytes(type, new long[] {t, h, w, bands.size()}, data));
        }
        for (Feature f : additionalData) {
            ByteBuffer data = ByteBuffer.allocate(t * n).order(ByteOrder.LITTLE_ENDIAN);
            int scl = reads.indexOf(SCL);
            for (int ti = 0; ti < t; ti++) {
                for (int p = 0; p < n; p++) {
                    int v;
                    if (f.name().equals(DATA_MASK)) {
                        boolean all = true;
                        for (int b = 0; b < reads.size() && all; b++) {
                            all = planes.valid[ti][b][p];
                        }
                        v = all ? 1 : 0;
                    } else {
                        int cls = planes.valid[ti][scl][p] ? (int) planes.values[ti][scl][p] : 0;
                        v = f.name().equals(SCL) ? cls : SCL_MASKS.get(f.name()).contains(cls) ? 1 : 0;
                    }
                    data.put((byte) v);
                }
            }
            data.flip();
            DType type = f.name().equals(SCL) ? DType.UINT8 : DType.BOOL;
            out.put(Feature.of(f.type(), f.outputName()), NdArrays.fromBytes(type, new long[] {t, h, w, 1}, data));
        }
        return out;
    }

    private List<StacItem> search(BBox area, LocalDateTime[] interval) {
        BBox wgs = area.crs().equals(CRS.WGS84) ? area : GeoUtils.transformBounds(area, CRS.WGS84);
        StacSearch.Builder s = StacSearch.builder().collections(collection)
                .bbox(wgs.minX(), wgs.minY(), wgs.maxX(), wgs.maxY())
                .datetime(interval[0].toInstant(ZoneOffset.UTC), interval[1].toInstant(ZoneOffset.UTC))
                .maxItems(maxItems);
        if (maxcc < 1) {
            s.maxCloudCover(maxcc * 100);
        }
        List<StacItem> items = new ArrayList<>(client.search(s.build()));
        items.removeIf(i -> i.datetime() == null);
        items.sort(java.util.Comparator.comparing(StacItem::datetime).thenComparing(StacItem::id));
        return items;
    }

    /** Items grouped into passes: each within the time difference of its pass's first item. */
    private List<List<StacItem>> passes(List<StacItem> items) {
        List<List<StacItem>> out = new ArrayList<>();
        for (StacItem i : items) {
            List<StacItem> last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && Duration.between(last.get(0).datetime(), i.datetime()).compareTo(timeDifference) <= 0) {
                last.add(i);
            } else {
                List<StacItem> p = new ArrayList<>();
                p.add(i);
                out.add(p);
            }
        }
        return out;
    }

    /** Values and validity per timestamp, read band, pixel. */
    private record Planes(double[][][] values, boolean[][][] valid) {
    }

    private Planes read(List<List<StacItem>> passes, List<String> reads, GridWarp.Grid grid) {
        int n = grid.width() * grid.height();
        double[][][] values = new double[passes.size()][reads.size()][n];
        boolean[][][] valid = new boolean[passes.size()][reads.size()][n];
        List<Future<?>> futures = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS, r -> {
            Thread th = new Thread(r, "stac-input");
            th.setDaemon(true);
            return th;
        });
        try {
            for (int t = 0; t < passes.size(); t++) {
                for (int b = 0; b < reads.size(); b++) {
                    int ti = t;
                    int bi = b;
                    futures.add(pool.submit(() -> {
                        mosaic(passes.get(ti), reads.get(bi), grid, values[ti][bi], valid[ti][bi]);
                        return null;
                    }));
                }
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(name() + " interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(c.getMessage(), c);
        } finally {
            pool.shutdownNow();
        }
        return new Planes(values, valid);
    }

    private void mosaic(List<StacItem> pass, String band, GridWarp.Grid grid, double[] values, boolean[] valid) {
        String key = assetKey(band);
        for (StacItem item : pass) {
            StacAsset asset;
            try {
                asset = item.asset(key);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("item " + item.id() + " of " + collection + ": " + e.getMessage(), e);
            }
            GridWarp.Result r;
            boolean scl = band.equalsIgnoreCase(SCL) || key.equalsIgnoreCase(SCL);
            try (CogReader cog = CogReader.open(new HttpRangeReader(client.downloadClient(), signer.sign(item, asset)))) {
                Integer epsg = cog.epsg() != null ? cog.epsg() : asset.epsg() != null ? asset.epsg() : item.epsg();
                if (epsg == null) {
                    throw new IOException("no CRS in the file, the asset or the item");
                }
                r = GridWarp.read(cog, epsg, grid, scl ? GridWarp.Resampling.NEAREST : resampling);
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException("item " + item.id() + ", asset '" + asset.key() + "': "
                        + e.getMessage(), e);
            }
            double[] so = scl || !bandsDtype.isFloatingPoint() ? new double[] {1, 0} : scaleOffset(item, asset);
            GeoRaster raster = r.raster();
            for (int p = 0; p < values.length; p++) {
                if (!valid[p] && r.valid()[p]) {
                    values[p] = raster.sample(p) * so[0] + so[1];
                    valid[p] = true;
                }
            }
        }
    }

    private String assetKey(String band) {
        try {
            return client.catalogue().assetKey(band);
        } catch (IllegalArgumentException e) {
            return band; // an asset key or band name of the items themselves
        }
    }

    /**
     * The scale and offset of an asset's values: its {@code raster:bands}, else for Sentinel-2 1/10000 with the
     * offset of processing baseline 04.00 (-0.1) unless the catalogue says it applied it.
     */
    static double[] scaleOffset(StacItem item, StacAsset asset) {
        if (!asset.bands().isEmpty()) {
            StacBand b = asset.bands().get(0);
            if (b.scale() != 1 || b.offset() != 0) {
                return new double[] {b.scale(), b.offset()};
            }
        }
        String coll = item.collection() == null ? "" : item.collection().toLowerCase(Locale.ROOT);
        if (!coll.contains("sentinel-2")) {
            return new double[] {1, 0};
        }
        double offset = 0;
        var props = item.properties();
        String baseline = props.path("s2:processing_baseline").asText("");
        boolean applied = props.path("earthsearch:boa_offset_applied").asBoolean(false);
        if (!applied && baseline.compareTo("04.00") >= 0) {
            offset = -0.1;
        }
        return new double[] {1e-4, offset};
    }

    private static void putSample(ByteBuffer b, DType type, double v) {
        switch (type) {
            case UINT8: case INT8: case BOOL: b.put((byte) (long) v); break;
            case UINT16: case INT16: b.putShort((short) (long) v); break;
            case UINT32: case INT32: b.putInt((int) (long) v); break;
            case INT64: case UINT64: b.putLong((long) v); break;
            case FLOAT32: b.putFloat((float) v); break;
            default: b.putDouble(v); break;
        }
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("catalogue", client.root().toString());
        d.put("collection", collection);
        d.put("bands_feature", bandsFeature == null ? null : bandsFeature.toString());
        d.put("bands", bands);
        d.put("additional_data", additionalData.stream().map(Feature::toString).toList());
        d.put(size != null ? "size" : "resolution", size != null ? List.of(size[0], size[1]) : resolution);
        d.put("maxcc", maxcc);
        d.put("time_difference", timeDifference.toString());
        d.put("resampling", resampling.name().toLowerCase(Locale.ROOT));
        d.put("bands_dtype", bandsDtype.numpyName());
        return d;
    }

    /** Builds a {@link StacInputTask}. */
    public static final class Builder {
        private final StacClient client;
        private String collection;
        private Feature bandsFeature = Feature.of(FeatureType.DATA, "BANDS");
        private List<String> bands;
        private List<Feature> additionalData = List.of();
        private Double resolution;
        private int[] size;
        private double maxcc = 1.0;
        private Duration timeDifference = Duration.ofHours(1);
        private GridWarp.Resampling resampling = GridWarp.Resampling.NEAREST;
        private DType bandsDtype = DType.FLOAT32;
        private AssetSigner signer;
        private int maxItems = 1000;

        private Builder(StacClient client) {
            this.client = Objects.requireNonNull(client, "client");
        }

        /**
         * The collection to search (default: the catalogue's Sentinel-2 Level-2A collection).
         *
         * @param value the collection id
         * @return this builder
         */
        public Builder collection(String value) {
            this.collection = value;
            return this;
        }

        /**
         * The DATA feature of the bands ({@code null}: no bands, only additional data).
         *
         * @param value the feature
         * @return this builder
         */
        public Builder bandsFeature(Feature value) {
            this.bandsFeature = value;
            return this;
        }

        /**
         * The bands: Sentinel-2 ids or common names for a preset catalogue, asset keys or band names otherwise.
         *
         * @param value the bands, in the order of the output
         * @return this builder
         */
        public Builder bands(List<String> value) {
            this.bands = value == null ? null : List.copyOf(value);
            return this;
        }

        /**
         * Additional MASK outputs: {@code dataMask}, {@code SCL}, {@code CLM}, {@code CLOUD_SHADOW},
         * {@code CIRRUS}, {@code SNOW}, {@code WATER}.
         *
         * @param value the features
         * @return this builder
         */
        public Builder additionalData(List<Feature> value) {
            this.additionalData = value == null ? List.of() : List.copyOf(value);
            return this;
        }

        /**
         * The pixel size in metres (the patch size follows from its box, as {@code bbox_to_dimensions}).
         *
         * @param value metres, positive
         * @return this builder
         */
        public Builder resolution(double value) {
            if (!(value > 0)) {
                throw new IllegalArgumentException("resolution must be positive, got " + value);
            }
            this.resolution = value;
            return this;
        }

        /**
         * The patch size in pixels instead of a resolution.
         *
         * @param width  columns
         * @param height rows
         * @return this builder
         */
        public Builder size(int width, int height) {
            if (width < 1 || height < 1) {
                throw new IllegalArgumentException("size must be positive, got " + width + " x " + height);
            }
            this.size = new int[] {width, height};
            return this;
        }

        /**
         * The maximal cloud cover of an item, in [0, 1] (eo-learn's {@code maxcc}).
         *
         * @param value the fraction
         * @return this builder
         */
        public Builder maxcc(double value) {
            if (!(value >= 0 && value <= 1)) {
                throw new IllegalArgumentException("maxcc must be in [0, 1], got " + value);
            }
            this.maxcc = value;
            return this;
        }

        /**
         * Items closer in time than this are one pass, mosaicked into one timestamp.
         *
         * @param value the difference, not negative
         * @return this builder
         */
        public Builder timeDifference(Duration value) {
            if (value == null || value.isNegative()) {
                throw new IllegalArgumentException("time_difference must not be negative, got " + value);
            }
            this.timeDifference = value;
            return this;
        }

        /**
         * The resampling of bands (SCL is always nearest).
         *
         * @param value nearest or bilinear
         * @return this builder
         */
        public Builder resampling(GridWarp.Resampling value) {
            this.resampling = Objects.requireNonNull(value, "resampling");
            return this;
        }

        /**
         * The dtype of the bands: a float type gets scaled values (reflectance), an integer type the raw values.
         *
         * @param value the dtype
         * @return this builder
         */
        public Builder bandsDtype(DType value) {
            this.bandsDtype = Objects.requireNonNull(value, "bands_dtype");
            return this;
        }

        /**
         * How asset URLs are signed (default: the catalogue's, e.g. Planetary Computer tokens).
         *
         * @param value the signer
         * @return this builder
         */
        public Builder signer(AssetSigner value) {
            this.signer = value;
            return this;
        }

        /**
         * The most items one patch may use.
         *
         * @param value at least 1
         * @return this builder
         */
        public Builder maxItems(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("max_items must be at least 1, got " + value);
            }
            this.maxItems = value;
            return this;
        }

        /**
         * Builds the task.
         *
         * @return the task
         */
        public StacInputTask build() {
            return new StacInputTask(this);
        }
    }
}
