package org.eolearn.io.sentinelhub;

import java.net.URI;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eolearn.core.BBox;
import org.eolearn.core.CRS;
import org.eolearn.core.EOPatch;
import org.eolearn.core.task.EOTask;
import org.eolearn.core.task.Tasks;
import org.eolearn.io.geo.GeoUtils;
import org.locationtech.jts.geom.Geometry;

/**
 * eo-learn's {@code SentinelHubInputBaseTask}: consolidates the bbox, computes the size, gets the timestamps,
 * builds one Process API request per timestamp, runs them on the transport and extracts the answers.
 */
abstract class AbstractProcessTask implements EOTask {

    final ProcessSettings settings;

    AbstractProcessTask(ProcessSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings").requireSizeOrResolution();
    }

    @Override
    public Object execute(List<Object> inputs, Map<String, Object> args) {
        Tasks.checkArgs(this, args, "bbox", "time_interval", "geometry");
        EOPatch patch = null;
        if (inputs.size() == 1 && inputs.get(0) instanceof EOPatch p) {
            patch = p;
        } else if (!inputs.isEmpty() && !(inputs.size() == 1 && inputs.get(0) == null)) {
            throw new IllegalArgumentException(name() + " takes no input or one patch, got "
                    + Tasks.describeInputs(inputs));
        }
        return execute(patch, InputArgs.bbox(args.get("bbox")), InputArgs.timeInterval(args.get("time_interval")),
                InputArgs.geometry(args.get("geometry")));
    }

    /**
     * Runs the task.
     *
     * @param patch        an existing patch or null
     * @param bbox         the box, or null to use the patch's
     * @param timeInterval {@code {from, to}} or null
     * @param geometry     a geometry in the bbox's CRS restricting the request, or null
     * @return the patch
     */
    public EOPatch execute(EOPatch patch, BBox bbox, LocalDateTime[] timeInterval, Geometry geometry) {
        BBox area = InputArgs.area(patch, bbox);
        EOPatch out = patch == null ? new EOPatch() : patch;
        out.setBbox(area);
        int[] size = settings.size() != null ? settings.size()
                : GeoUtils.bboxToDimensions(area, settings.resolution()[0], settings.resolution()[1]);
        List<LocalDateTime> timestamps;
        if (timeInterval != null) {
            timestamps = getTimestamps(timeInterval, area);
        } else if (settings.collection().isTimeless()) {
            timestamps = null;
        } else {
            timestamps = out.timestamps();
        }
        if (timestamps != null) {
            if (out.timestamps() == null || out.timestamps().isEmpty()) {
                out.setTimestamps(timestamps);
            } else if (!timestamps.equals(out.timestamps())) {
                throw new IllegalArgumentException("Trying to write data to an existing EOPatch with a different "
                        + "timestamp.");
            }
        }
        List<ProcessRequest> requests = buildRequests(area, size[0], size[1], timestamps, timeInterval, geometry);
        URI base = settings.context().baseUrlFor(settings.collection());
        List<SHTransport.Request> http = new ArrayList<>();
        for (ProcessRequest r : requests) {
            http.add(r.toHttp(base));
        }
        List<byte[]> answers = http.isEmpty() ? List.of() : settings.context().transport().execute(http);
        if (answers.size() != requests.size()) {
            throw new IllegalStateException("the transport answered " + answers.size() + " of " + requests.size()
                    + " Process API requests");
        }
        List<Map<String, Object>> decoded = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            try {
                decoded.add(Responses.decode(answers.get(i), requests.get(i)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Process API request " + (i + 1) + " of " + requests.size()
                        + describeInterval(requests.get(i)) + ": " + e.getMessage(), e);
            }
        }
        int t = timestamps == null ? 1 : timestamps.size();
        extract(out, decoded, t, size[1], size[0]);
        return out;
    }

    private static String describeInterval(ProcessRequest r) {
        InputData in = r.inputs().get(0);
        return in.hasTimeRange() ? " (" + TimeUtils.serializeUtc(in.from()) + "/" + TimeUtils.serializeUtc(in.to())
                + ")" : "";
    }

    abstract List<LocalDateTime> getTimestamps(LocalDateTime[] interval, BBox bbox);

    abstract List<ProcessRequest> buildRequests(BBox bbox, int width, int height, List<LocalDateTime> timestamps,
            LocalDateTime[] interval, Geometry geometry);

    abstract void extract(EOPatch patch, List<Map<String, Object>> answers, int t, int height, int width);

    /** Catalog timestamps filtered with the time difference. */
    List<LocalDateTime> catalogTimestamps(LocalDateTime[] interval, BBox bbox) {
        List<LocalDateTime> ts = new Catalog(settings.context()).getAvailableTimestamps(bbox, interval[0],
                interval[1], settings.collection(), null, settings.maxcc());
        return TimeUtils.filterTimes(ts, settings.timeDifference());
    }

    ProcessRequest.Builder builder(String evalscript, BBox bbox, Geometry geometry, int width, int height,
            LocalDateTime[] interval) {
        ProcessRequest.Builder b = ProcessRequest.builder(evalscript).bbox(bbox).size(width, height)
                .input(settings.inputData(interval));
        if (geometry != null) {
            b.geometry(geometry, bbox.crs());
        }
        return b;
    }

    static Object member(Map<String, Object> answer, String name, int index) {
        Object v = answer.get(name);
        if (v == null) {
            throw new IllegalArgumentException("the answer to Process API request " + (index + 1) + " has no '"
                    + name + "' (it has " + answer.keySet() + ")");
        }
        return v;
    }

    static TiffImage tiff(Map<String, Object> answer, String name, int index, int height, int width) {
        Object v = member(answer, name, index);
        if (!(v instanceof TiffImage img)) {
            throw new IllegalArgumentException("'" + name + "' of the answer to Process API request " + (index + 1)
                    + " is not a TIFF");
        }
        if (img.height() != height || img.width() != width) {
            throw new IllegalArgumentException("'" + name + "' of the answer to Process API request " + (index + 1)
                    + " is " + img.width() + "x" + img.height() + " pixels, requested " + width + "x" + height);
        }
        return img;
    }
}
