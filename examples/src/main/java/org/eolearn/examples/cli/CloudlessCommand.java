package org.eolearn.examples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.eolearn.cloudless.S2PixelCloudDetector;
import org.eolearn.cloudless.lightgbm.LightGbmModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code eolearn cloudless ...}: the s2cloudless model. */
@Command(name = "cloudless", mixinStandardHelpOptions = true, description = "The s2cloudless cloud detector.",
        subcommands = {CloudlessCommand.FetchModel.class})
final class CloudlessCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("choose a subcommand: fetch-model");
        return 2;
    }

    /** Downloads the official model. */
    @Command(name = "fetch-model", mixinStandardHelpOptions = true,
            description = {"Download the official s2cloudless model (pixel_s2_cloud_detector_lightGBM_v0.1.txt, "
                    + "10,975,392 bytes, CC BY-SA 4.0, by Sinergise) from its public address, check its size and "
                    + "that it parses, and save it where the detector finds it.",
                "Needs internet access; the file is not bundled with eo-learn for Java."})
    static final class FetchModel implements Callable<Integer> {

        @Parameters(index = "0", arity = "0..1", paramLabel = "DIR",
                description = "Where to save it (default: ~/.eolearn/cloudless, where the detector looks).")
        Path dir;

        @Option(names = "--url", description = "The address (default: ${DEFAULT-VALUE}).",
                defaultValue = S2PixelCloudDetector.MODEL_URL)
        String url;

        @Option(names = "--expected-size", defaultValue = "" + S2PixelCloudDetector.MODEL_SIZE,
                description = "The expected size in bytes (default: ${DEFAULT-VALUE}).")
        long expectedSize;

        @Option(names = "--timeout", defaultValue = "120", description = "Seconds (default: ${DEFAULT-VALUE}).")
        int timeout;

        @Override
        public Integer call() throws Exception {
            Path target = (dir != null ? dir : Path.of(System.getProperty("user.home"), ".eolearn", "cloudless"))
                    .resolve(S2PixelCloudDetector.MODEL_FILENAME);
            Files.createDirectories(target.getParent());
            long[] saved = new long[1];
            LightGbmModel[] read = new LightGbmModel[1];
            org.eolearn.core.io.AtomicFiles.write(target, tmp -> {
                HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(timeout))
                        .followRedirects(HttpClient.Redirect.NORMAL).build();
                HttpResponse<InputStream> response;
                try {
                    response = client.send(HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(timeout)).GET().build(),
                            HttpResponse.BodyHandlers.ofInputStream());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted while downloading " + url);
                } catch (IOException e) {
                    throw new IOException("downloading " + url + " failed: " + CliErrors.message(e), e);
                }
                if (response.statusCode() != 200) {
                    response.body().close();
                    throw new IOException("downloading " + url + " failed with HTTP status " + response.statusCode());
                }
                try (InputStream in = response.body()) {
                    Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                }
                long size = Files.size(tmp);
                if (size != expectedSize) {
                    throw new IOException("downloaded " + size + " bytes from " + url + " but the model has "
                            + expectedSize + " bytes (truncated download?); nothing was saved");
                }
                read[0] = LightGbmModel.read(tmp);
                saved[0] = size;
            });
            System.out.println("saved " + read[0] + " (" + saved[0] + " bytes) to " + target);
            return 0;
        }
    }
}
