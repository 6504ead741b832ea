package org.eolearn.examples.water;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.eolearn.core.BBox;
import org.eolearn.core.CRS;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;

/**
 * The built-in demo area: a deterministic, physically plausible synthetic Sentinel-2 L1C time series of a reservoir,
 * used when no Sentinel Hub credentials are configured. <b>Synthetic data</b>, for trying the water monitor.
 *
 * <p>A reservoir with an irregular nominal outline (about 4.4 km across) lies in a 6 x 5 km UTM area (zone 34 S,
 * near the Theewaterskloof Dam of eo-learn's example) surrounded by land of varying plant cover. Its bed is a bowl: at
 * fill {@code f} water covers the pixels whose depth exceeds {@code 1 - f}, with a wet shore band just above the
 * water line. The fill follows a seasonal curve (winter rain, full in September, low in April) with a two-year drought
 * dip, so the true water level (water pixels / nominal pixels) is known for every date. Acquisitions every 5 days
 * for two years (146 frames) at 08:40 UTC carry top-of-atmosphere reflectances in all 13 bands of water, vegetation,
 * soil and wet shore, sensor noise, clouds of every size (opaque cores with thinner edges, shadows beside them,
 * cirrus in B10), occasional swath edges without data, and a cloud mask (CLM) like Sentinel Hub's.
 *
 * <p>Everything is a pure function of the seed, the frame and the pixel position: any bbox and resolution can be
 * rendered, which the local demo Sentinel Hub ({@link DemoSentinelHub}) and the local demo STAC catalogue
 * ({@link DemoStac}) do for the water monitor.
 *
 * @since 0.1
 */
public final class DemoReservoir {

    /** The 13 Sentinel-2 band names, in order. */
    public static final List<String> BANDS = List.of("B01", "B02", "B03", "B04", "B05", "B06", "B07", "B08", "B8A",
            "B09", "B10", "B11", "B12");

    // top-of-atmosphere reflectances (0-1) per band of each surface
    private static final double[] WATER = {0.095, 0.075, 0.058, 0.040, 0.032, 0.026, 0.024, 0.018, 0.016, 0.006,
        0.001, 0.006, 0.004};
    private static final double[] VEGETATION = {0.105, 0.085, 0.080, 0.060, 0.110, 0.240, 0.290, 0.320, 0.330, 0.110,
        0.004, 0.190, 0.100};
    private static final double[] SOIL = {0.125, 0.115, 0.125, 0.150, 0.170, 0.195, 0.210, 0.225, 0.235, 0.085,
        0.005, 0.300, 0.240};
    private static final double[] WET_SHORE = {0.100, 0.085, 0.085, 0.095, 0.105, 0.118, 0.126, 0.134, 0.140, 0.052,
        0.003, 0.150, 0.110};
    private static final double[] CLOUD = {0.48, 0.50, 0.49, 0.50, 0.51, 0.52, 0.52, 0.53, 0.53, 0.30, 0.04, 0.40,
        0.30};

    private final long seed;
    private final CRS crs;
    private final double centreX;
    private final double centreY;
    private final double radius;
    private final LocalDate start;
    private final int frames;
    private final int revisitDays;

    /**
     * A demo reservoir.
     *
     * @param seed        the seed of every random choice
     * @param crs         a UTM CRS
     * @param centreX     the centre easting (m)
     * @param centreY     the centre northing (m)
     * @param radius      the mean radius of the nominal outline (m)
     * @param start       the first acquisition date
     * @param frames      the number of acquisitions
     * @param revisitDays days between acquisitions
     */
    public DemoReservoir(long seed, CRS crs, double centreX, double centreY, double radius, LocalDate start,
                         int frames, int revisitDays) {
        if (!crs.isUtm()) {
            throw new IllegalArgumentException("the demo reservoir needs a UTM CRS, got " + crs);
        }
        if (radius <= 0 || frames < 1 || revisitDays < 1) {
            throw new IllegalArgumentException("radius, frames and revisit days must be positive");
        }
        this.seed = seed;
        this.crs = crs;
        this.centreX = centreX;
        this.centreY = centreY;
        this.radius = radius;
        this.start = start;
        this.frames = frames;
        this.revisitDays = revisitDays;
    }

    /**
     * The built-in demo area: two years from 2019-01-01, every 5 days, in UTM 34 S.
     *
     * @return the demo reservoir
     */
    public static DemoReservoir standard() {
        return new DemoReservoir(20181120L, CRS.utm(34, false), 327_000, 6_233_500, 1_900,
                LocalDate.of(2019, 1, 1), 146, 5);
    }

    /**
     * The area of the demo: the nominal outline with a 30 % margin, rounded to whole 20 m pixels.
     *
     * @return the bbox in the UTM CRS
     */
    public BBox bbox() {
        double half = Math.round(radius * 1.3 * 1.25 / 20) * 20.0;
        double halfY = Math.round(radius * 1.3 / 20) * 20.0;
        return new BBox(centreX - half, centreY - halfY, centreX + half, centreY + halfY, crs);
    }

    /**
     * Returns the CRS.
     *
     * @return the UTM CRS
     */
    public CRS crs() {
        return crs;
    }

    /**
     * The acquisition times.
     *
     * @return one timestamp per frame
     */
    public List<LocalDateTime> timestamps() {
        List<LocalDateTime> out = new ArrayList<>();
        for (int i = 0; i < frames; i++) {
            out.add(start.plusDays((long) i * revisitDays).atTime(LocalTime.of(8, 40, 12)));
        }
        return out;
    }

    /** Radius of the nominal outline in a direction. */
    private double outline(double theta) {
        return radius * (1 + 0.18 * Math.sin(3 * theta + 0.4) + 0.08 * Math.cos(5 * theta + 1.1)
                + 0.05 * Math.sin(7 * theta));
    }

    /**
     * The nominal outline (the full reservoir) as a polygon in the UTM CRS.
     *
     * @return the polygon
     */
    public Polygon nominalOutline() {
        GeometryFactory gf = new GeometryFactory();
        int n = 360;
        Coordinate[] ring = new Coordinate[n + 1];
        for (int i = 0; i < n; i++) {
            double theta = 2 * Math.PI * i / n;
            double r = outline(theta);
            ring[i] = new Coordinate(centreX + r * Math.cos(theta), centreY + r * Math.sin(theta));
        }
        ring[n] = ring[0];
        return gf.createPolygon(ring);
    }

    /** Relative distance from the centre: below 1 inside the nominal outline. */
    private double rho(double x, double y) {
        double dx = x - centreX;
        double dy = y - centreY;
        return Math.hypot(dx, dy) / outline(Math.atan2(dy, dx));
    }

    /**
     * The fill of the reservoir (0-1) on a date: a seasonal cycle (full in September, low in April) with a drought
     * from mid 2019 to mid 2020.
     *
     * @param date the date
     * @return the fill
     */
    public double fill(LocalDate date) {
        double day = ChronoUnit.DAYS.between(LocalDate.of(2019, 1, 1), date);
        double seasonal = 0.70 + 0.18 * Math.cos(2 * Math.PI * (day - 258) / 365.25);
        double drought = 0.32 * Math.exp(-Math.pow((day - 420) / 120.0, 2));
        return Math.max(0.08, Math.min(1, seasonal - drought));
    }

    /** Whether a point is water at a fill. */
    private boolean isWater(double x, double y, double fill) {
        double r = rho(x, y);
        return r < 1 && 1 - Math.pow(r, 1.5) > 1 - fill;
    }

    /**
     * The true water level of a frame on a pixel grid: water pixels / nominal pixels, a pixel being inside when its
     * centre is (the rule of the rasterisation).
     *
     * @param frame  the frame
     * @param bbox   the area
     * @param width  columns
     * @param height rows
     * @return the level
     */
    public double trueWaterLevel(int frame, BBox bbox, int width, int height) {
        double fill = fill(timestamps().get(frame).toLocalDate());
        long nominal = 0;
        long water = 0;
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                double x = bbox.minX() + (c + 0.5) * bbox.width() / width;
                double y = bbox.maxY() - (r + 0.5) * bbox.height() / height;
                if (rho(x, y) < 1) {
                    nominal++;
                    water += isWater(x, y, fill) ? 1 : 0;
                }
            }
        }
        return nominal == 0 ? Double.NaN : (double) water / nominal;
    }

    /**
     * The true water of a frame on a pixel grid (a pixel is water when its centre is), as {@link #trueWaterLevel}
     * counts it: for a scene classification of the rendered frames.
     *
     * @param frame  the frame
     * @param bbox   the area, in this reservoir's CRS
     * @param width  columns
     * @param height rows
     * @return one flag per pixel, row by row from the north
     */
    public boolean[] waterMask(int frame, BBox bbox, int width, int height) {
        if (!bbox.crs().equals(crs)) {
            throw new IllegalArgumentException("the demo area is in " + crs + ", not " + bbox.crs());
        }
        double fill = fill(timestamps().get(frame).toLocalDate());
        boolean[] out = new boolean[width * height];
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                double x = bbox.minX() + (c + 0.5) * bbox.width() / width;
                double y = bbox.maxY() - (r + 0.5) * bbox.height() / height;
                out[r * width + c] = isWater(x, y, fill);
            }
        }
        return out;
    }

    /** The clouds of one frame: blob centres, radii and strengths, cirrus, shadow offset, swath edge. */
    private record Weather(double[][] blobs, double cirrus, double shadowDx, double shadowDy, double swathEdge) {
    }

    private Weather weather(int frame) {
        SplittableRandom rnd = new SplittableRandom(seed * 31 + frame * 1_000_003L);
        double kind = rnd.nextDouble();
        int count;
        double size;
        if (kind < 0.45) {
            count = 0;
            size = 0;
        } else if (kind < 0.65) {
            count = 1 + rnd.nextInt(2);
            size = 120 + rnd.nextDouble() * 150; // small clouds, about 1-3 % of the area
        } else if (kind < 0.85) {
            count = 4 + rnd.nextInt(5);
            size = 500 + rnd.nextDouble() * 700;
        } else {
            count = 10 + rnd.nextInt(6);
            size = 1500 + rnd.nextDouble() * 1500;
        }
        BBox b = bbox();
        double[][] blobs = new double[count][];
        for (int i = 0; i < count; i++) {
            blobs[i] = new double[] {b.minX() + rnd.nextDouble() * b.width(), b.minY() + rnd.nextDouble() * b.height(),
                size * (0.6 + 0.8 * rnd.nextDouble()), 0.7 + 0.6 * rnd.nextDouble()};
        }
        double cirrus = rnd.nextDouble() < 0.15 ? 0.01 + 0.03 * rnd.nextDouble() : 0;
        double swath = rnd.nextDouble() < 0.08 ? b.minX() + (0.55 + 0.4 * rnd.nextDouble()) * b.width()
                : Double.POSITIVE_INFINITY;
        return new Weather(blobs, cirrus, 250 + 150 * rnd.nextDouble(), -150 - 100 * rnd.nextDouble(), swath);
    }

    private static double cloudDensity(double[][] blobs, double x, double y) {
        double v = 0;
        for (double[] b : blobs) {
            double d2 = ((x - b[0]) * (x - b[0]) + (y - b[1]) * (y - b[1])) / (b[2] * b[2]);
            if (d2 < 9) {
                v += b[3] * Math.exp(-d2);
            }
        }
        return v;
    }

    /** One rendered frame: reflectances (h, w, bands), the data mask and the cloud mask. */
    public record Frame(float[] bands, int bandCount, boolean[] dataMask, boolean[] cloudMask, int width, int height) {
    }

    /**
     * Renders a frame for an area, size and band list.
     *
     * @param frame  the frame index
     * @param bbox   the area, in this reservoir's CRS
     * @param width  columns
     * @param height rows
     * @param bands  band names (B01 ... B12)
     * @return the frame
     */
    public Frame render(int frame, BBox bbox, int width, int height, List<String> bands) {
        if (!bbox.crs().equals(crs)) {
            throw new IllegalArgumentException("the demo area is in " + crs + ", not " + bbox.crs());
        }
        int[] idx = new int[bands.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = BANDS.indexOf(bands.get(i).toUpperCase(Locale.ROOT));
            if (idx[i] < 0) {
                throw new IllegalArgumentException("unknown Sentinel-2 band " + bands.get(i) + "; bands are " + BANDS);
            }
        }
        LocalDateTime time = timestamps().get(frame);
        double fill = fill(time.toLocalDate());
        Weather w = weather(frame);
        SplittableRandom noise = new SplittableRandom(seed ^ (frame * 0x9E3779B97F4A7C15L));
        int nb = idx.length;
        float[] out = new float[width * height * nb];
        boolean[] data = new boolean[width * height];
        boolean[] clouds = new boolean[width * height];
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                int p = r * width + c;
                double x = bbox.minX() + (c + 0.5) * bbox.width() / width;
                double y = bbox.maxY() - (r + 0.5) * bbox.height() / height;
                if (x > w.swathEdge()) {
                    continue; // outside the swath: no data, zero reflectance
                }
                data[p] = true;
                double[] surface = surface(x, y, fill);
                double density = cloudDensity(w.blobs(), x, y);
                double alpha = Math.min(1, Math.max(0, (density - 0.25) / 0.45));
                double shadow = cloudDensity(w.blobs(), x - w.shadowDx(), y - w.shadowDy()) > 0.45 && alpha < 0.1
                        ? 0.35 : 1;
                clouds[p] = density > 0.3 || w.cirrus() > 0.025;
                for (int b = 0; b < nb; b++) {
                    int band = idx[b];
                    double v = surface[band] * shadow * (1 - alpha) + CLOUD[band] * alpha;
                    if (band == 10) {
                        v += w.cirrus();
                    } else {
                        v += w.cirrus() * 2;
                    }
                    v += noise.nextDouble(-1, 1) * 0.006;
                    out[p * nb + b] = (float) Math.max(0, v);
                }
            }
        }
        return new Frame(out, nb, data, clouds, width, height);
    }

    /** The surface reflectances at a point. */
    private double[] surface(double x, double y, double fill) {
        double r = rho(x, y);
        if (r < 1) {
            double depth = 1 - Math.pow(r, 1.5);
            if (depth > 1 - fill) {
                return WATER;
            }
            return depth > 1 - fill - 0.06 ? WET_SHORE : SOIL; // the exposed bed: wet near the water line
        }
        // land: a smooth mixture of vegetation and bare soil (fractional plant cover from 15 % to 95 %)
        double pattern = Math.sin(x / 430.0) * Math.cos(y / 370.0) + 0.5 * Math.sin((x + y) / 260.0);
        double cover = 0.15 + 0.8 / (1 + Math.exp(-2 * pattern));
        double[] mix = new double[VEGETATION.length];
        for (int b = 0; b < mix.length; b++) {
            mix[b] = cover * VEGETATION[b] + (1 - cover) * SOIL[b];
        }
        return mix;
    }

    @Override
    public String toString() {
        return "DemoReservoir[" + crs + " centre (" + centreX + ", " + centreY + "), " + frames + " frames from "
                + start + ", synthetic]";
    }

    /**
     * The true water levels of every frame on a grid.
     *
     * @param bbox   the area
     * @param width  columns
     * @param height rows
     * @return one level per frame
     */
    public double[] trueWaterLevels(BBox bbox, int width, int height) {
        double[] out = new double[frames];
        for (int i = 0; i < frames; i++) {
            out[i] = trueWaterLevel(i, bbox, width, height);
        }
        return Arrays.copyOf(out, out.length);
    }
}
