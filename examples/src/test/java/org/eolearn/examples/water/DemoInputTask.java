package org.eolearn.examples.water;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eolearn.core.BBox;
import org.eolearn.core.DType;
import org.eolearn.core.EOPatch;
import org.eolearn.core.FeatureType;
import org.eolearn.core.NdArrays;
import org.eolearn.core.task.EOTask;
import org.eolearn.core.task.Tasks;

/** Test input: the demo reservoir rendered straight into a patch (B02, B03, B04, B08, IS_DATA, CLM). */
final class DemoInputTask implements EOTask {

    private final List<DemoReservoir> demos;
    private final double resolution;
    private final List<String> bands;

    DemoInputTask(DemoReservoir demo, double resolution, List<String> bands) {
        this(List.of(demo), resolution, bands);
    }

    DemoInputTask(List<DemoReservoir> demos, double resolution, List<String> bands) {
        this.demos = demos;
        this.resolution = resolution;
        this.bands = bands;
    }

    @Override
    public Object execute(List<Object> inputs, Map<String, Object> args) {
        Tasks.checkArgs(this, args, "bbox", "time_interval");
        BBox bbox = (BBox) args.get("bbox");
        double cx = (bbox.minX() + bbox.maxX()) / 2;
        double cy = (bbox.minY() + bbox.maxY()) / 2;
        DemoReservoir demo = demos.stream().filter(d -> d.bbox().minX() <= cx && cx <= d.bbox().maxX()
                && d.bbox().minY() <= cy && cy <= d.bbox().maxY()).findFirst().orElseThrow(
                        () -> new IllegalArgumentException("no demo reservoir at " + bbox));
        int w = (int) Math.round(bbox.width() / resolution);
        int h = (int) Math.round(bbox.height() / resolution);
        List<LocalDateTime> all = demo.timestamps();
        List<Integer> frames = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            frames.add(i);
        }
        List<LocalDateTime> ts = new ArrayList<>();
        int n = h * w;
        int d = bands.size();
        double[] b = new double[frames.size() * n * d];
        double[] data = new double[frames.size() * n];
        double[] clm = new double[frames.size() * n];
        for (int k = 0; k < frames.size(); k++) {
            DemoReservoir.Frame f = demo.render(frames.get(k), bbox, w, h, bands);
            ts.add(all.get(frames.get(k)));
            for (int i = 0; i < n * d; i++) {
                b[k * n * d + i] = f.bands()[i];
            }
            for (int i = 0; i < n; i++) {
                data[k * n + i] = f.dataMask()[i] ? 1 : 0;
                clm[k * n + i] = f.cloudMask()[i] ? 1 : 0;
            }
        }
        EOPatch p = new EOPatch(bbox, ts);
        p.put(FeatureType.DATA, "BANDS", NdArrays.fromDoubles(DType.FLOAT32, new long[] {ts.size(), h, w, d}, b));
        p.put(FeatureType.MASK, "IS_DATA", NdArrays.fromDoubles(DType.BOOL, new long[] {ts.size(), h, w, 1}, data));
        p.put(FeatureType.MASK, "CLM", NdArrays.fromDoubles(DType.UINT8, new long[] {ts.size(), h, w, 1}, clm));
        return p;
    }
}
