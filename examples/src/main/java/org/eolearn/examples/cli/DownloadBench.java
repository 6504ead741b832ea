package org.eolearn.examples.cli;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eolearn.io.sentinelhub.client.DownloadClient;
import org.eolearn.io.sentinelhub.client.DownloadThroughput;
import org.eolearn.io.sentinelhub.client.SHConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code eolearn bench download}: download throughput of the Sentinel Hub download client against a local server
 * that answers every request after a fixed delay, for 1, 4 and 16 threads.
 */
@Command(name = "download", mixinStandardHelpOptions = true,
        description = "Download throughput (requests/s) of the download client against a local server with a fixed "
                + "answer delay, for 1, 4 and 16 threads (target: near-linear).")
final class DownloadBench implements Callable<Integer> {

    @Option(names = "--delay-ms", defaultValue = "50", description = "Answer delay in ms (default: ${DEFAULT-VALUE}).")
    int delayMs;

    @Option(names = "--size-kib", defaultValue = "64", description = "Answer size in KiB (default: ${DEFAULT-VALUE}).")
    int sizeKib;

    @Option(names = "--requests-per-thread", defaultValue = "40",
            description = "Requests per thread of each run (default: ${DEFAULT-VALUE}).")
    int perThread;

    @Override
    public Integer call() throws Exception {
        // the JDK server sends headers and body in separate packets; without TCP_NODELAY Nagle's algorithm and the
        // client's delayed ACK add about 40 ms to every answer, which would measure the test server, not the client
        System.setProperty("sun.net.httpserver.nodelay", "true");
        byte[] body = new byte[sizeKib * 1024];
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        ExecutorService pool = Executors.newFixedThreadPool(64);
        server.setExecutor(pool);
        server.createContext("/data", ex -> {
            try (ex) {
                Thread.sleep(delayMs);
                ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
        try {
            URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/data");
            System.out.printf(Locale.ROOT, "local server: %d ms answer delay, %d KiB answers%n", delayMs, sizeKib);
            System.out.printf(Locale.ROOT, "%8s %10s %12s %10s%n", "threads", "requests", "requests/s", "vs 1 thread");
            double single = Double.NaN;
            for (int threads : new int[] {1, 4, 16}) {
                try (DownloadClient client = DownloadClient.create(SHConfig.builder().maxThreads(threads).build())) {
                    DownloadThroughput.measure(client, url, threads * 4); // warm-up
                    DownloadThroughput.Result r = DownloadThroughput.measure(client, url, threads * perThread);
                    if (threads == 1) {
                        single = r.requestsPerSecond();
                    }
                    System.out.printf(Locale.ROOT, "%8d %10d %12.1f %9.1fx%n", threads, r.requests(),
                            r.requestsPerSecond(), r.requestsPerSecond() / single);
                }
            }
            System.out.printf(Locale.ROOT, "ideal: %.1f requests/s per thread%n", 1000.0 / delayMs);
        } finally {
            server.stop(0);
            pool.shutdownNow();
        }
        return 0;
    }
}
