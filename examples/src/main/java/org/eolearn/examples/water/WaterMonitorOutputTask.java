package org.eolearn.examples.water;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.eolearn.core.EOPatch;
import org.eolearn.core.FeatureType;
import org.eolearn.core.NdArrays;
import org.eolearn.core.io.AtomicFiles;
import org.eolearn.core.io.OverwritePermission;
import org.eolearn.core.io.SaveOptions;
import org.eolearn.core.task.EOTask;
import org.eolearn.core.task.Tasks;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.time.Millisecond;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Writes the water monitor's outputs for one reservoir into the folder given as execute argument {@code folder}:
 * the result patch ({@code patch/}, eo-learn's format), {@code water_level.csv} (date, water level, valid
 * coverage, and the true level when the execute argument {@code truth} maps dates to it), {@code water_level.png}
 * (the series as a chart) and {@code rgb_<date>.png} true-colour images with the nominal (red) and detected (blue)
 * shorelines for the first, the lowest and the last kept dates (or the execute argument {@code dates}). Every file
 * is written through a temporary file.
 *
 * @since 0.1
 */
public final class WaterMonitorOutputTask implements EOTask {

    private static final DateTimeFormatter FILE_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");
    private final int red;
    private final int green;
    private final int blue;
    private final String title;

    /**
     * Creates the task.
     *
     * @param red   the index of the red band (B04) in {@code data/BANDS}
     * @param green the index of the green band (B03)
     * @param blue  the index of the blue band (B02)
     * @param title the chart title prefix (e.g. "Synthetic demo reservoir")
     */
    public WaterMonitorOutputTask(int red, int green, int blue, String title) {
        this.red = red;
        this.green = green;
        this.blue = blue;
        this.title = title;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object execute(List<Object> inputs, Map<String, Object> args) {
        Tasks.checkArgs(this, args, "folder", "truth", "dates", "name");
        EOPatch patch = Tasks.singlePatch(this, inputs);
        Object folderArg = args.get("folder");
        if (!(folderArg instanceof Path)) {
            throw new IllegalArgumentException("folder must be the output folder (a Path), got " + folderArg);
        }
        Path folder = (Path) folderArg;
        String name = String.valueOf(args.getOrDefault("name", folder.getFileName()));
        Map<LocalDateTime, Double> truth = (Map<LocalDateTime, Double>) args.get("truth");
        try {
            Files.createDirectories(folder);
            patch.save(folder.resolve("patch"), SaveOptions.defaults().withOverwrite(OverwritePermission.OVERWRITE_PATCH));
            List<LocalDateTime> ts = patch.timestamps();
            double[] level = NdArrays.toDoubles(patch.getArray(FeatureType.SCALAR, "WATER_LEVEL"));
            double[] invalid = NdArrays.toDoubles(patch.getArray(FeatureType.SCALAR, "COVERAGE"));
            writeCsv(folder.resolve("water_level.csv"), ts, level, invalid, truth);
            writeChart(folder.resolve("water_level.png"), name, ts, level, invalid, truth);
            List<LocalDateTime> dates = args.get("dates") != null ? (List<LocalDateTime>) args.get("dates")
                    : defaultDates(ts, level);
            for (LocalDateTime d : dates) {
                int f = ts.indexOf(d);
                if (f < 0) {
                    throw new IllegalArgumentException("date " + d + " is not a kept frame of " + name);
                }
                writeImage(folder.resolve("rgb_" + FILE_DATE.format(d) + ".png"), patch, f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing the outputs of " + name + " to " + folder + " failed", e);
        }
        return patch;
    }

    /** The first, the lowest and the last kept dates. */
    private static List<LocalDateTime> defaultDates(List<LocalDateTime> ts, double[] level) {
        if (ts.isEmpty()) {
            return List.of();
        }
        int lowest = 0;
        for (int i = 1; i < level.length; i++) {
            if (level[i] < level[lowest]) {
                lowest = i;
            }
        }
        return new ArrayList<>(new LinkedHashSet<>(List.of(ts.get(0), ts.get(lowest), ts.get(ts.size() - 1))));
    }

    private static void writeCsv(Path file, List<LocalDateTime> ts, double[] level, double[] invalid,
                                 Map<LocalDateTime, Double> truth) throws IOException {
        StringBuilder b = new StringBuilder("date,water_level,valid_coverage");
        b.append(truth != null ? ",true_water_level\n" : "\n");
        for (int i = 0; i < ts.size(); i++) {
            b.append(ts.get(i)).append(',').append(String.format(Locale.ROOT, "%.5f,%.5f", level[i], 1 - invalid[i]));
            if (truth != null) {
                Double t = truth.get(ts.get(i));
                b.append(',').append(t == null ? "" : String.format(Locale.ROOT, "%.5f", t));
            }
            b.append('\n');
        }
        AtomicFiles.writeString(file, b);
    }

    private void writeChart(Path file, String name, List<LocalDateTime> ts, double[] level, double[] invalid,
                            Map<LocalDateTime, Double> truth) throws IOException {
        TimeSeries detected = new TimeSeries("water level (detected)");
        TimeSeries valid = new TimeSeries("valid coverage");
        for (int i = 0; i < ts.size(); i++) {
            Millisecond m = new Millisecond(java.util.Date.from(ts.get(i).toInstant(ZoneOffset.UTC)));
            detected.addOrUpdate(m, level[i]);
            valid.addOrUpdate(m, 1 - invalid[i]);
        }
        TimeSeriesCollection data = new TimeSeriesCollection(detected);
        if (truth != null) {
            TimeSeries truthSeries = new TimeSeries("water level (truth of the synthetic scene)");
            truth.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> truthSeries.addOrUpdate(
                    new Millisecond(java.util.Date.from(e.getKey().toInstant(ZoneOffset.UTC))), e.getValue()));
            data.addSeries(truthSeries);
        }
        data.addSeries(valid);
        JFreeChart chart = ChartFactory.createTimeSeriesChart(title + ": " + name, "date", "fraction of the nominal "
                + "water area / valid pixels", data, true, false, false);
        XYPlot plot = chart.getXYPlot();
        ((NumberAxis) plot.getRangeAxis()).setRange(0, 1.05);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        r.setSeriesPaint(0, new Color(0x1f, 0x77, 0xb4));
        r.setSeriesStroke(0, new BasicStroke(2f));
        int next = 1;
        if (truth != null) {
            r.setSeriesPaint(next, new Color(0x2c, 0xa0, 0x2c));
            r.setSeriesShapesVisible(next, false);
            r.setSeriesStroke(next, new BasicStroke(1.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f,
                    new float[] {6f, 4f}, 0f));
            next++;
        }
        r.setSeriesPaint(next, new Color(0xbb, 0xbb, 0xbb));
        r.setSeriesShapesVisible(next, false);
        plot.setRenderer(r);
        AtomicFiles.write(file, tmp -> ChartUtils.saveChartAsPNG(tmp.toFile(), chart, 1000, 500));
    }

    /** True colour (B04, B03, B02 x 3.5, clipped) with the nominal (red) and detected (blue) shorelines. */
    private void writeImage(Path file, EOPatch patch, int f) throws IOException {
        INDArray bands = patch.getArray(FeatureType.DATA, "BANDS");
        int h = (int) bands.size(1);
        int w = (int) bands.size(2);
        int d = (int) bands.size(3);
        double[] all = NdArrays.toDoubles(bands);
        double[] nominal = NdArrays.toDoubles(patch.getArray(FeatureType.MASK_TIMELESS, "NOMINAL_WATER"));
        double[] water = NdArrays.toDoubles(patch.getArray(FeatureType.MASK, "WATER_MASK"));
        int scale = Math.max(1, 600 / Math.max(h, w));
        BufferedImage img = new BufferedImage(w * scale, h * scale, BufferedImage.TYPE_INT_RGB);
        int base = f * h * w * d;
        int waterBase = f * h * w;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = y * w + x;
                int rgb = channel(all[base + p * d + red]) << 16 | channel(all[base + p * d + green]) << 8
                        | channel(all[base + p * d + blue]);
                if (edge(water, waterBase, p, x, y, w, h)) {
                    rgb = 0x1E64FF;
                } else if (edge(nominal, 0, p, x, y, w, h)) {
                    rgb = 0xFF2020;
                }
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        img.setRGB(x * scale + dx, y * scale + dy, rgb);
                    }
                }
            }
        }
        AtomicFiles.write(file, tmp -> {
            if (!ImageIO.write(img, "png", tmp.toFile())) {
                throw new IOException("no PNG writer available");
            }
        });
    }

    private static int channel(double reflectance) {
        return (int) Math.round(Math.max(0, Math.min(1, reflectance * 3.5)) * 255);
    }

    /** A mask pixel with a 4-neighbour outside the mask (or on the image border). */
    private static boolean edge(double[] mask, int base, int p, int x, int y, int w, int h) {
        if (mask[base + p] == 0) {
            return false;
        }
        return x == 0 || y == 0 || x == w - 1 || y == h - 1 || mask[base + p - 1] == 0 || mask[base + p + 1] == 0
                || mask[base + p - w] == 0 || mask[base + p + w] == 0;
    }

    @Override
    public Map<String, Object> describe() {
        return Tasks.describe("rgb_bands", List.of(red, green, blue), "title", title);
    }
}
