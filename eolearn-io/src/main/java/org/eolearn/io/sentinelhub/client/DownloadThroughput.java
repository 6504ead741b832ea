package org.eolearn.io.sentinelhub.client;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A plain throughput measurement of a {@link DownloadClient}: many identical uncached GET requests run
 * through {@link DownloadClient#downloadAll}. No assertions; meant for a benchmark command.
 */
public final class DownloadThroughput {
    private DownloadThroughput() {}

    /**
     * The outcome of one measurement.
     *
     * @param requests how many requests were made
     * @param threads the client's thread count
     * @param elapsed the wall-clock time of all requests
     * @param bytes the body bytes received
     */
    public record Result(int requests, int threads, Duration elapsed, long bytes) {
        /**
         * Requests per second.
         *
         * @return the throughput
         */
        public double requestsPerSecond() {
            double s = elapsed.toNanos() / 1e9;
            return s == 0 ? Double.POSITIVE_INFINITY : requests / s;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "requests: %d threads: %d elapsed ms: %d requests/s: %.1f bytes: %d",
                    requests, threads, elapsed.toMillis(), requestsPerSecond(), bytes);
        }
    }

    /**
     * Times {@code requests} GETs of one URL (not cached) through {@link DownloadClient#downloadAll}.
     *
     * @param client the client (its configuration sets the thread count)
     * @param url the URL
     * @param requests how many requests, at least 1
     * @return the measurement
     */
    public static Result measure(DownloadClient client, URI url, int requests) {
        if (requests < 1) {
            throw new IllegalArgumentException("requests must be at least 1, got " + requests);
        }
        List<DownloadRequest> rs = new ArrayList<>(requests);
        for (int i = 0; i < requests; i++) {
            rs.add(DownloadRequest.get(url).withCache(false));
        }
        long start = System.nanoTime();
        List<DownloadResponse> out = client.downloadAll(rs);
        long elapsed = System.nanoTime() - start;
        long bytes = 0;
        for (DownloadResponse r : out) {
            bytes += r.bodyLength();
        }
        return new Result(requests, client.config().maxThreads(), Duration.ofNanos(elapsed), bytes);
    }

    /**
     * Runs a measurement from the command line: {@code DownloadThroughput URL REQUESTS THREADS} and prints
     * one line of figures.
     *
     * @param args the URL, the number of requests and the number of threads
     */
    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: DownloadThroughput URL REQUESTS THREADS");
            System.exit(2);
        }
        SHConfig config = SHConfig.builder().maxThreads(Integer.parseInt(args[2])).build();
        try (DownloadClient client = DownloadClient.create(config)) {
            System.out.println(measure(client, URI.create(args[0]), Integer.parseInt(args[1])));
        }
    }
}
