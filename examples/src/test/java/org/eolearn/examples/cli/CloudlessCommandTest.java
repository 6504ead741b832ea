package org.eolearn.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eolearn.cloudless.S2PixelCloudDetector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code eolearn cloudless fetch-model} against a local server (no test touches the internet). */
class CloudlessCommandTest {

    private static final String MODEL = String.join("\n", "tree", "version=v3", "num_class=1",
            "num_tree_per_iteration=1", "max_feature_idx=9", "objective=binary sigmoid:1", "", "Tree=0",
            "num_leaves=2", "num_cat=0", "split_feature=1", "threshold=0.3", "decision_type=2", "left_child=-1",
            "right_child=-2", "leaf_value=-2 2", "shrinkage=1", "", "", "end of trees", "");

    @TempDir
    Path dir;

    private HttpServer server;
    private String base;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/model.txt", exchange -> {
            byte[] body = MODEL.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/truncated.txt", exchange -> {
            byte[] body = MODEL.substring(0, 40).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/missing.txt", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private int run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            return EOLearnCommand.run(args);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void downloadsChecksAndSavesTheModel() throws Exception {
        int size = MODEL.getBytes(StandardCharsets.UTF_8).length;
        assertThat(run("cloudless", "fetch-model", dir.toString(), "--url", base + "/model.txt", "--expected-size",
                Integer.toString(size))).isZero();
        Path saved = dir.resolve(S2PixelCloudDetector.MODEL_FILENAME);
        assertThat(Files.readString(saved)).isEqualTo(MODEL);
        try (var files = Files.list(dir)) {
            assertThat(files).hasSize(1);
        }
    }

    @Test
    void refusesTruncatedBrokenAndMissingDownloadsAndLeavesNothing() throws Exception {
        assertThat(run("cloudless", "fetch-model", dir.toString(), "--url", base + "/model.txt")).isEqualTo(1);
        assertThat(run("cloudless", "fetch-model", dir.toString(), "--url", base + "/truncated.txt",
                "--expected-size", "40")).isEqualTo(1);
        assertThat(run("cloudless", "fetch-model", dir.toString(), "--url", base + "/missing.txt")).isEqualTo(1);
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }
}
