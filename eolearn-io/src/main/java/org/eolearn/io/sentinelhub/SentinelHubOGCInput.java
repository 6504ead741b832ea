package org.eolearn.io.sentinelhub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.eolearn.core.BBox;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureType;
import org.eolearn.core.task.EOTask;
import org.eolearn.core.task.Tasks;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * eo-learn 0.3.3's {@code SentinelHubOGCInput} (and through {@link #wms}/{@link #wcs} its WMS/WCS subclasses
 * {@code S2L1CWCSInput}, {@code DEMWMSInput}...): the acquisition dates from WFS, one OGC GetMap/GetCoverage per
 * date with 2018's URL rules ({@link OgcRequests}), the image's last (alpha) band becoming the valid-data mask.
 *
 * <p>Defaults as in 2018: image format {@code image/tiff;depth=32f}, custom parameters {@code ShowLogo=False},
 * {@code Transparent=True} then the given ones, maxcc 1.0, time difference -1 s (every date), the feature
 * {@code (DATA, layer)} and the mask {@code (MASK, IS_DATA)} (uint8, set only when missing). The time interval
 * {@code "latest"} is 1985-01-01 to today, keeping only the last date.
 *
 * <pre>{@code
 * SentinelHubOGCInput input = SentinelHubOGCInput.wcs(context, "TRUE-COLOR-S2-L1C", DataSource.SENTINEL2_L1C,
 *         "20m", "20m").withMaxcc(0.5);
 * EOPatch patch = input.execute(null, bbox, "2016-01-01", "2018-08-31");
 * }</pre>
 *
 * @since 0.1
 */
public final class SentinelHubOGCInput implements EOTask {

    /** The OGC service. */
    public enum ServiceType {
        /** WMS GetMap: size in pixels. */
        WMS,
        /** WCS GetCoverage: resolution strings. */
        WCS
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final SentinelHubContext context;
    private final String layer;
    private final Feature feature;
    private final Feature validDataMask;
    private final ServiceType service;
    private final DataSource source;
    private final String sizeX;
    private final String sizeY;
    private final double maxcc;
    private final MimeType imageFormat;
    private final Map<CustomUrlParam, Object> custom;
    private final Duration timeDifference;
    private final String name;

    private SentinelHubOGCInput(SentinelHubContext context, String name, String layer, Feature feature,
            Feature validDataMask, ServiceType service, DataSource source, String sizeX, String sizeY, double maxcc,
            MimeType imageFormat, Map<CustomUrlParam, Object> customParams, Duration timeDifference) {
        this.context = Objects.requireNonNull(context, "context");
        this.name = name;
        this.layer = Objects.requireNonNull(layer, "layer");
        this.feature = feature != null ? feature : Feature.of(FeatureType.DATA, layer);
        if (!this.feature.type().isArray() || this.feature.type().isDiscrete() && this.feature.type()
                != FeatureType.DATA) {
            throw new IllegalArgumentException("feature must be a DATA or DATA_TIMELESS feature, got " + feature);
        }
        this.validDataMask = validDataMask != null ? validDataMask : Feature.of(FeatureType.MASK, "IS_DATA");
        this.service = Objects.requireNonNull(service, "service_type");
        this.source = source != null ? source : DataSource.SENTINEL2_L1C;
        this.sizeX = sizeX;
        this.sizeY = sizeY;
        if (!(maxcc >= 0) || maxcc > 1) {
            throw new IllegalArgumentException("maxcc must be in [0, 1], got " + maxcc);
        }
        this.maxcc = maxcc;
        this.imageFormat = imageFormat != null ? imageFormat : MimeType.TIFF_D32F;
        Map<CustomUrlParam, Object> c = new LinkedHashMap<>();
        c.put(CustomUrlParam.SHOWLOGO, false);
        c.put(CustomUrlParam.TRANSPARENT, true);
        if (customParams != null) {
            c.putAll(customParams);
        }
        this.custom = java.util.Collections.unmodifiableMap(c);
        this.timeDifference = timeDifference != null ? timeDifference : Duration.ofSeconds(-1);
        if (service == ServiceType.WMS) {
            if (sizeX == null && sizeY == null) {
                throw new IllegalArgumentException("At least one of parameters 'width' and 'height' must have an "
                        + "integer value");
            }
            checkInt(sizeX, "width");
            checkInt(sizeY, "height");
        }
    }

    private static void checkInt(String v, String param) {
        if (v != null) {
            try {
                if (Integer.parseInt(v) <= 0) {
                    throw new IllegalArgumentException(param + " must be positive, got " + v);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(param + " must be an integer, got '" + v + "'", e);
            }
        }
    }

    /**
     * A WMS input ({@code SentinelHubWMSInput}; with a source, {@code S2L1CWMSInput} etc.).
     *
     * @param context the context (its base URL + {@code /ogc/} and its instance id are used)
     * @param layer   the layer of the instance
     * @param source  the data source
     * @param width   the width in pixels, or null to derive it from the height
     * @param height  the height in pixels, or null to derive it from the width
     * @return the task
     */
    public static SentinelHubOGCInput wms(SentinelHubContext context, String layer, DataSource source,
            Integer width, Integer height) {
        return new SentinelHubOGCInput(context, taskName(source, "WMS"), layer, null, null, ServiceType.WMS, source,
                width == null ? null : width.toString(), height == null ? null : height.toString(), 1.0, null, null,
                null);
    }

    /**
     * A WCS input ({@code SentinelHubWCSInput}; with a source, {@code S2L1CWCSInput} etc.).
     *
     * @param context the context
     * @param layer   the coverage
     * @param source  the data source
     * @param resx    the x resolution, e.g. {@code "20m"} (null: {@code 10m})
     * @param resy    the y resolution (null: {@code 10m})
     * @return the task
     */
    public static SentinelHubOGCInput wcs(SentinelHubContext context, String layer, DataSource source, String resx,
            String resy) {
        return new SentinelHubOGCInput(context, taskName(source, "WCS"), layer, null, null, ServiceType.WCS, source,
                resx == null ? "10m" : resx, resy == null ? "10m" : resy, 1.0, null, null, null);
    }

    private static String taskName(DataSource s, String service) {
        if (s == null) {
            return "SentinelHub" + service + "Input";
        }
        return switch (s) {
            case SENTINEL2_L1C -> "S2L1C" + service + "Input";
            case SENTINEL2_L2A -> "S2L2A" + service + "Input";
            case LANDSAT8 -> "L8L1C" + service + "Input";
            case SENTINEL1_IW -> "S1IW" + service + "Input";
            case DEM -> "DEM" + service + "Input";
            default -> "SentinelHub" + service + "Input";
        };
    }

    private SentinelHubOGCInput copy(Feature f, Feature mask, double cc, MimeType format,
            Map<CustomUrlParam, Object> params, Duration diff) {
        Map<CustomUrlParam, Object> extra = new LinkedHashMap<>(params);
        return new SentinelHubOGCInput(context, name, layer, f, mask, service, source, sizeX, sizeY, cc, format,
                extra, diff);
    }

    /**
     * Returns a copy with a maximal cloud cover.
     *
     * @param value in [0, 1]
     * @return the copy
     */
    public SentinelHubOGCInput withMaxcc(double value) {
        return copy(feature, validDataMask, value, imageFormat, custom, timeDifference);
    }

    /**
     * Returns a copy with other output features (the DEM tasks use {@code (DATA_TIMELESS, layer)}).
     *
     * @param value     the data feature
     * @param validMask the valid-data mask feature
     * @return the copy
     */
    public SentinelHubOGCInput withFeatures(Feature value, Feature validMask) {
        return copy(value, validMask, maxcc, imageFormat, custom, timeDifference);
    }

    /**
     * Returns a copy with custom URL parameters added after ShowLogo and Transparent.
     *
     * @param params the parameters in order
     * @return the copy
     */
    public SentinelHubOGCInput withCustomUrlParams(Map<CustomUrlParam, Object> params) {
        Map<CustomUrlParam, Object> c = new LinkedHashMap<>(custom);
        c.putAll(params);
        return copy(feature, validDataMask, maxcc, imageFormat, c, timeDifference);
    }

    /**
     * Returns a copy with an image format and a time difference.
     *
     * @param format the format (null: 32-bit float TIFF)
     * @param diff   the time difference (null: -1 s)
     * @return the copy
     */
    public SentinelHubOGCInput withFormat(MimeType format, Duration diff) {
        return copy(feature, validDataMask, maxcc, format, custom, diff);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Object execute(List<Object> inputs, Map<String, Object> args) {
        Tasks.checkArgs(this, args, "bbox", "time_interval");
        EOPatch patch = inputs.isEmpty() ? null : Tasks.singlePatch(this, inputs);
        BBox bbox = InputArgs.bbox(args.get("bbox"));
        Object t = args.get("time_interval");
        String from = null;
        String to = null;
        if (t instanceof String s) {
            from = s;
        } else if (t instanceof List<?> l && l.size() == 2) {
            from = String.valueOf(l.get(0));
            to = String.valueOf(l.get(1));
        } else if (t != null) {
            throw new IllegalArgumentException("time_interval must be a date, \"latest\" or two dates, got " + t);
        }
        return execute(patch, bbox, from, to);
    }

    /**
     * Runs the task.
     *
     * @param patch a patch or null
     * @param bbox  the box (null: the patch's)
     * @param from  the start, a single date, or {@code "latest"} (null: latest)
     * @param to    the end, or null for a single date
     * @return the patch
     */
    public EOPatch execute(EOPatch patch, BBox bbox, String from, String to) {
        EOPatch out = patch == null ? new EOPatch() : patch;
        BBox box = bbox != null ? bbox : out.bbox();
        if (box == null) {
            throw new IllegalArgumentException("Parameter bbox was neither defined in initialization of " + name
                    + " nor is contained in EOPatch");
        }
        List<LocalDateTime> dates = dates(box, from, to);
        if (feature.type().isTemporal() && out.timestamps() != null && !out.timestamps().isEmpty()) {
            // eo-learn 0.3.3 downloads only the dates the patch already has (get_common_timestamps)
            List<LocalDateTime> common = new ArrayList<>();
            for (LocalDateTime d : dates) {
                if (out.timestamps().contains(d)) {
                    common.add(d);
                }
            }
            if (common.size() != out.timestamps().size()) {
                throw new IllegalArgumentException("the patch's timestamps " + out.timestamps() + " are not all "
                        + "among the acquisitions " + dates + " of " + layer);
            }
            dates = common;
        }
        List<URI> urls = urls(box, dates);
        List<SHTransport.Request> http = new ArrayList<>();
        for (URI u : urls) {
            http.add(new SHTransport.Request("GET", u, null, imageFormat.mime().replaceAll(";.*", ""), false));
        }
        List<byte[]> answers = context.transport().execute(http);
        List<TiffImage> images = new ArrayList<>();
        for (int i = 0; i < answers.size(); i++) {
            images.add(TiffDecoder.decode(answers.get(i), "OGC request " + urls.get(i)));
        }
        if (out.timestamps() == null || out.timestamps().isEmpty()) {
            out.setTimestamps(dates.get(0) == null ? List.of() : dates);
        }
        if (out.bbox() == null) {
            out.setBbox(box);
        }
        TiffImage first = images.get(0);
        int h = first.height();
        int w = first.width();
        int c = first.bands();
        if (c < 2) {
            throw new IllegalArgumentException("OGC answer has " + c + " band(s); a data band and the alpha band "
                    + "(Transparent=True) are expected");
        }
        int t = images.size();
        List<INDArray> bands = new ArrayList<>();
        for (int b = 0; b < c - 1; b++) {
            bands.add(ImageStacks.band(images, b, t, h, w, first.type()));
        }
        INDArray data = bands.size() == 1 ? bands.get(0) : org.eolearn.core.NdArrays.concat(3, bands);
        double[] valid = new double[t * h * w];
        for (int i = 0; i < t; i++) {
            double[] a = images.get(i).band(c - 1);
            for (int k = 0; k < a.length; k++) {
                valid[i * h * w + k] = a[k] == 1 ? 1 : 0;
            }
        }
        if (feature.type().isTemporal()) {
            out.put(feature.type(), feature.outputName(), data);
        } else {
            if (t > 1) {
                throw new IllegalArgumentException("Cannot save time dependent data to time independent feature");
            }
            out.put(feature.type(), feature.outputName(), data.reshape('c', h, w, c - 1));
        }
        if (!out.contains(validDataMask.type(), validDataMask.outputName())) {
            INDArray mask = org.eolearn.core.NdArrays.fromDoubles(org.eolearn.core.DType.UINT8,
                    new long[] {t, h, w, 1}, valid);
            out.put(validDataMask.type(), validDataMask.outputName(), validDataMask.type().isTemporal() ? mask
                    : mask.reshape('c', h, w, 1));
        }
        putMeta(out, "service_type", service.name().toLowerCase(Locale.ROOT));
        putMeta(out, "maxcc", maxcc);
        putMeta(out, "time_difference", timeDifference.toMillis() / 1000.0);
        putMeta(out, "size_x", sizeX);
        putMeta(out, "size_y", sizeY);
        return out;
    }

    private static void putMeta(EOPatch p, String key, Object value) {
        if (!p.contains(FeatureType.META_INFO, key)) {
            p.put(FeatureType.META_INFO, key, value);
        }
    }

    /**
     * Returns the URLs requested for the dates (null date: timeless).
     *
     * @param bbox  the box
     * @param dates the dates
     * @return the URLs
     */
    public List<URI> urls(BBox bbox, List<LocalDateTime> dates) {
        URI ogc = URI.create(context.baseUrl() + "/ogc/");
        List<URI> out = new ArrayList<>();
        for (LocalDateTime d : dates) {
            String u;
            if (service == ServiceType.WMS) {
                int[] wh = OgcRequests.wmsDimensions(bbox, sizeX == null ? null : Integer.valueOf(sizeX),
                        sizeY == null ? null : Integer.valueOf(sizeY));
                u = OgcRequests.wmsUrl(ogc, context.instanceId(), layer, bbox, imageFormat, wh[0], wh[1], d,
                        timeDifference, maxcc, custom, uswestSource());
            } else {
                u = OgcRequests.wcsUrl(ogc, context.instanceId(), layer, bbox, imageFormat, sizeX, sizeY, d,
                        timeDifference, maxcc, custom, uswestSource());
            }
            out.add(URI.create(u));
        }
        return out;
    }

    /** 2018 forced Landsat 8, MODIS and DEM to US West: only when the context is the main deployment. */
    private DataSource uswestSource() {
        return context.baseUrl().equals(DataCollection.MAIN) ? source : null;
    }

    /**
     * Returns the acquisition dates as 2018 did: WFS pages of 100, {@code date + 'T' + time} without fractional
     * seconds, sorted and de-duplicated, {@code latest} keeping the last, then filtered by the time difference.
     * Timeless sources give one null date.
     *
     * @param bbox the box
     * @param from the start, a single date or {@code latest} (null: latest)
     * @param to   the end or null
     * @return the dates
     */
    public List<LocalDateTime> dates(BBox bbox, String from, String to) {
        if (source.isTimeless()) {
            java.util.ArrayList<LocalDateTime> one = new java.util.ArrayList<>();
            one.add(null);
            return one;
        }
        boolean latest = from == null || from.equals("latest");
        LocalDateTime start;
        LocalDateTime end;
        if (latest) {
            start = LocalDateTime.of(1985, 1, 1, 0, 0);
            end = LocalDate.now(java.time.ZoneOffset.UTC).atTime(23, 59, 59);
        } else {
            LocalDateTime[] iv = TimeUtils.parseTimeInterval(from, to == null ? from : to);
            start = iv[0];
            end = iv[1];
        }
        URI ogc = URI.create(context.baseUrl() + "/ogc/");
        TreeSet<LocalDateTime> found = new TreeSet<>();
        for (int offset = 0; ; offset += 100) {
            URI url = URI.create(OgcRequests.wfsUrl(ogc, context.instanceId(), source, bbox, start, end, maxcc, 100,
                    offset));
            byte[] body = context.transport().execute(List.of(new SHTransport.Request("GET", url, null,
                    "application/json", false))).get(0);
            JsonNode page;
            try {
                page = MAPPER.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("WFS request " + url + " answered malformed JSON", e);
            }
            JsonNode feats = page == null ? null : page.get("features");
            if (feats == null || !feats.isArray()) {
                throw new IllegalStateException("WFS request " + url + " answered no 'features' array");
            }
            for (JsonNode f : feats) {
                String date = f.path("properties").path("date").asText();
                String time = f.path("properties").path("time").asText().split("\\.")[0];
                found.add(LocalDateTime.parse(date + "T" + time));
            }
            if (feats.size() < 100) {
                break;
            }
        }
        List<LocalDateTime> dates = new ArrayList<>(found);
        if (latest && !dates.isEmpty()) {
            dates = new ArrayList<>(dates.subList(dates.size() - 1, dates.size()));
        }
        dates = TimeUtils.filterTimes(dates, timeDifference);
        if (dates.isEmpty()) {
            throw new IllegalArgumentException("no acquisitions of " + source + " over " + bbox + " in "
                    + (latest ? "latest" : from + "/" + to));
        }
        return dates;
    }

    @Override
    public Map<String, Object> describe() {
        return Tasks.describe("layer", layer, "feature", feature, "valid_data_mask_feature", validDataMask,
                "service_type", service.name(), "data_source", source.name(), "size_x", sizeX, "size_y", sizeY,
                "maxcc", maxcc, "image_format", imageFormat.mime(), "custom_url_params", custom.toString());
    }
}
