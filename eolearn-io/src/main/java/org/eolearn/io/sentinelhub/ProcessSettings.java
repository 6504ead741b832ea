package org.eolearn.io.sentinelhub;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The settings shared by the Process API input tasks (eo-learn's {@code SentinelHubInputBaseTask} arguments plus
 * the request options of its subclasses): exactly one of {@code size} and {@code resolution}.
 *
 * <pre>{@code
 * ProcessSettings s = ProcessSettings.of(context, DataCollection.SENTINEL2_L1C).withResolution(20, 20)
 *         .withMaxcc(0.5);
 * }</pre>
 *
 * @param context         the transport and base URL
 * @param collection      the data collection
 * @param size            {@code {width, height}} in pixels, or null
 * @param resolution      {@code {resx, resy}} in metres, or null
 * @param maxcc           the maximal cloud cover in [0, 1], or null
 * @param timeDifference  the minimal time between two kept acquisitions and the half-width of each request's
 *                        interval (eo-learn's default is 1 s)
 * @param mosaickingOrder the mosaicking order, or null
 * @param upsampling      the upsampling, or null
 * @param downsampling    the downsampling, or null
 * @param auxRequestArgs  a JSON object merged into each {@code input.data} entry, or null
 * @param cacheFolder     the cache folder the transport may use, or null (recorded for the integration)
 * @param maxThreads      the maximal number of parallel downloads, or null (recorded for the integration)
 * @since 0.1
 */
public record ProcessSettings(SentinelHubContext context, DataCollection collection, int[] size,
        double[] resolution, Double maxcc, Duration timeDifference, MosaickingOrder mosaickingOrder,
        ResamplingType upsampling, ResamplingType downsampling, ObjectNode auxRequestArgs, Path cacheFolder,
        Integer maxThreads) {

    /**
     * Validates the settings.
     *
     * @param context         not null
     * @param collection      not null
     * @param size            two positive ints, or null
     * @param resolution      two positive numbers, or null
     * @param maxcc           in [0, 1] or null
     * @param timeDifference  null becomes 1 s
     * @param mosaickingOrder any
     * @param upsampling      any
     * @param downsampling    any
     * @param auxRequestArgs  any
     * @param cacheFolder     any
     * @param maxThreads      positive or null
     */
    public ProcessSettings {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(collection, "data_collection");
        if (size != null && (size.length != 2 || size[0] <= 0 || size[1] <= 0)) {
            throw new IllegalArgumentException("size must be two positive integers (width, height), got "
                    + java.util.Arrays.toString(size));
        }
        if (resolution != null && (resolution.length != 2 || !(resolution[0] > 0) || !(resolution[1] > 0))) {
            throw new IllegalArgumentException("resolution must be one or two positive numbers, got "
                    + java.util.Arrays.toString(resolution));
        }
        if (maxcc != null && (!(maxcc >= 0) || maxcc > 1)) {
            throw new IllegalArgumentException("maxcc should be a float on an interval [0, 1], got " + maxcc);
        }
        if (maxThreads != null && maxThreads <= 0) {
            throw new IllegalArgumentException("max_threads must be positive, got " + maxThreads);
        }
        size = size == null ? null : size.clone();
        resolution = resolution == null ? null : resolution.clone();
        timeDifference = timeDifference == null ? Duration.ofSeconds(1) : timeDifference;
    }

    /**
     * Settings with only the context and the collection (size or resolution must still be set).
     *
     * @param context    the context
     * @param collection the collection
     * @return the settings
     */
    public static ProcessSettings of(SentinelHubContext context, DataCollection collection) {
        return new ProcessSettings(context, collection, null, null, null, null, null, null, null, null, null, null);
    }

    /**
     * Returns a copy with an image size.
     *
     * @param width  pixels
     * @param height pixels
     * @return the copy
     */
    public ProcessSettings withSize(int width, int height) {
        return new ProcessSettings(context, collection, new int[] {width, height}, null, maxcc, timeDifference,
                mosaickingOrder, upsampling, downsampling, auxRequestArgs, cacheFolder, maxThreads);
    }

    /**
     * Returns a copy with a resolution in metres.
     *
     * @param resx horizontal
     * @param resy vertical
     * @return the copy
     */
    public ProcessSettings withResolution(double resx, double resy) {
        return new ProcessSettings(context, collection, null, new double[] {resx, resy}, maxcc, timeDifference,
                mosaickingOrder, upsampling, downsampling, auxRequestArgs, cacheFolder, maxThreads);
    }

    /**
     * Returns a copy with a maximal cloud cover.
     *
     * @param value in [0, 1] or null
     * @return the copy
     */
    public ProcessSettings withMaxcc(Double value) {
        return new ProcessSettings(context, collection, size, resolution, value, timeDifference, mosaickingOrder,
                upsampling, downsampling, auxRequestArgs, cacheFolder, maxThreads);
    }

    /**
     * Returns a copy with a time difference.
     *
     * @param value the difference, null for 1 s
     * @return the copy
     */
    public ProcessSettings withTimeDifference(Duration value) {
        return new ProcessSettings(context, collection, size, resolution, maxcc, value, mosaickingOrder, upsampling,
                downsampling, auxRequestArgs, cacheFolder, maxThreads);
    }

    /**
     * Returns a copy with a mosaicking order.
     *
     * @param value the order or null
     * @return the copy
     */
    public ProcessSettings withMosaickingOrder(MosaickingOrder value) {
        return new ProcessSettings(context, collection, size, resolution, maxcc, timeDifference, value, upsampling,
                downsampling, auxRequestArgs, cacheFolder, maxThreads);
    }

    /**
     * Returns a copy with resampling methods and auxiliary request arguments.
     *
     * @param up   upsampling or null
     * @param down downsampling or null
     * @param aux  JSON merged into each {@code input.data} entry, or null
     * @return the copy
     */
    public ProcessSettings withRequestOptions(ResamplingType up, ResamplingType down, ObjectNode aux) {
        return new ProcessSettings(context, collection, size, resolution, maxcc, timeDifference, mosaickingOrder,
                up, down, aux, cacheFolder, maxThreads);
    }

    /**
     * Returns a copy with download options for the transport.
     *
     * @param folder  the cache folder or null
     * @param threads the maximal threads or null
     * @return the copy
     */
    public ProcessSettings withDownloadOptions(Path folder, Integer threads) {
        return new ProcessSettings(context, collection, size, resolution, maxcc, timeDifference, mosaickingOrder,
                upsampling, downsampling, auxRequestArgs, folder, threads);
    }

    /**
     * Checks that exactly one of size and resolution is set.
     *
     * @return this
     */
    public ProcessSettings requireSizeOrResolution() {
        if ((size == null) == (resolution == null)) {
            throw new IllegalArgumentException("Exactly one of the parameters 'size' and 'resolution' should be "
                    + "given");
        }
        return this;
    }

    /**
     * Builds an input data entry for an interval.
     *
     * @param interval {@code {from, to}}, or null for none
     * @return the entry
     */
    InputData inputData(java.time.LocalDateTime[] interval) {
        InputData in = InputData.of(collection).withMaxcc(maxcc).withMosaickingOrder(mosaickingOrder)
                .withResampling(upsampling, downsampling).withOtherArgs(auxRequestArgs);
        return interval == null ? in : in.withTime(interval[0], interval[1]);
    }
}
