package org.eolearn.io.sentinelhub.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import mockwebserver3.RecordedRequest;
import org.eolearn.io.sentinelhub.testing.FakeSentinelHub;
import org.eolearn.io.sentinelhub.testing.FakeSentinelHub.Fault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The done criterion: 1,000 requests with about 20 % injected faults, a seeded random mix. */
class FaultMixTest {
    private static final String PROCESS = "/api/v1/process";
    private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");
    private static final Fault[] MIX = {Fault.RATE_LIMIT, Fault.SERVER_ERROR, Fault.UNAVAILABLE, Fault.STALL,
            Fault.TRUNCATED, Fault.DISCONNECT, Fault.WRONG_CONTENT_TYPE, Fault.INVALID_TIFF, Fault.UNAUTHORIZED};

    @TempDir Path cache;
    private FakeSentinelHub hub;
    private final Map<Integer, ArrayDeque<Fault>> plan = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicInteger> served = new ConcurrentHashMap<>();

    @BeforeEach
    void start() {
        // Timeouts generous enough for a loaded CI machine: a stall is 2.5 s, the client waits 1 s.
        hub = FakeSentinelHub.start().stallDelay(Duration.ofMillis(2500));
        hub.handle(PROCESS, r -> {
            int id = id(r);
            served.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            return FakeSentinelHub.tiff(payload(id));
        });
        hub.faultInjector(r -> {
            if (!r.getUrl().encodedPath().equals(PROCESS)) {
                return null;
            }
            ArrayDeque<Fault> faults = plan.get(id(r));
            if (faults == null) {
                return null;
            }
            synchronized (faults) {
                return faults.poll();
            }
        });
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private static int id(RecordedRequest r) {
        Matcher m = ID.matcher(r.getBody().utf8());
        if (!m.find()) {
            throw new IllegalStateException("no id in " + r.getBody().utf8());
        }
        return Integer.parseInt(m.group(1));
    }

    private static byte[] payload(int id) {
        byte[] b = new byte[100 + (id * 37) % 3000];
        new Random(id).nextBytes(b);
        return b;
    }

    private static String sha(byte[] b) {
        try {
            return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private DownloadRequest request(int id) {
        return DownloadRequest.postJson(hub.url(PROCESS), "{\"id\":" + id + "}", "image/tiff");
    }

    @ParameterizedTest
    @ValueSource(longs = {20261124L, 7L})
    void thousandRequestsWithTwentyPercentFaults(long seed) throws IOException {
        Random rnd = new Random(seed);
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            ids.add(rnd.nextInt(850)); // some requests repeat: they must come from the cache, once
        }
        Set<Integer> distinct = new HashSet<>(ids);
        int planned = 0;
        for (int id : distinct) {
            if (rnd.nextDouble() < 0.2) {
                ArrayDeque<Fault> faults = new ArrayDeque<>();
                int n = 1 + rnd.nextInt(2); // one or two faults in a row, then a good answer (4 attempts allowed)
                for (int k = 0; k < n; k++) {
                    faults.add(MIX[rnd.nextInt(MIX.length)]);
                }
                plan.put(id, faults);
                planned += n;
            }
        }
        hub.enqueueFault(FakeSentinelHub.TOKEN_PATH, Fault.UNAVAILABLE);

        SHConfig config = hub.config().maxThreads(8).cacheFolder(cache).downloadTimeout(Duration.ofSeconds(1)).build();
        List<DownloadResponse> out;
        DownloadStats stats;
        try (DownloadClient client = DownloadClient.create(config)) {
            List<DownloadRequest> rs = ids.stream().map(this::request).toList();
            out = client.downloadAll(rs);
            stats = client.stats();
        }

        // Every result correct, in request order, none lost.
        assertThat(out).hasSize(1000);
        for (int i = 0; i < 1000; i++) {
            int id = ids.get(i);
            assertThat(new String(out.get(i).request().body(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":" + id + "}");
            assertThat(sha(out.get(i).body())).as("request %d (id %d)", i, id)
                    .isEqualTo(sha(FakeSentinelHub.tiffBytes(payload(id))));
        }
        // Every planned fault was served, each distinct request answered exactly once by the handler.
        assertThat(plan.values()).allSatisfy(q -> assertThat(q).isEmpty());
        assertThat(hub.totalFaultsInjected()).isEqualTo(planned + 1);
        assertThat(served.keySet()).isEqualTo(distinct);
        assertThat(served.values()).allSatisfy(c -> assertThat(c.get()).isEqualTo(1));
        // The cache holds one complete entry per distinct request and nothing else.
        try (Stream<Path> s = Files.list(cache)) {
            List<Path> entries = s.toList();
            assertThat(entries).hasSize(distinct.size());
            for (Path e : entries) {
                assertThat(e.getFileName().toString()).matches("[0-9a-f]{64}");
                try (Stream<Path> files = Files.list(e)) {
                    assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                            .containsExactly("request.json", "response.tiff");
                }
            }
        }
        // Attempts are bounded: one per distinct request plus one per fault.
        assertThat(stats.requests()).isEqualTo(1000);
        assertThat(stats.cacheHits()).isEqualTo(1000 - distinct.size());
        assertThat(stats.attempts()).isEqualTo(distinct.size() + planned);
        assertThat(stats.retries()).isEqualTo(planned);
        assertThat(stats.failures()).isZero();
        System.out.printf("fault mix (seed %d): %d requests, %d distinct, %d faults %s, stats %s%n", seed, ids.size(), distinct.size(),
                planned, hub.faultsInjected(), stats);
    }

    @Test
    void aFaultThatNeverClearsFailsNamingTheRequest() {
        ArrayDeque<Fault> endless = new ArrayDeque<>();
        for (int k = 0; k < 100; k++) {
            endless.add(k % 2 == 0 ? Fault.SERVER_ERROR : Fault.TRUNCATED);
        }
        plan.put(42, endless);
        SHConfig config = hub.config().maxThreads(4).build();
        try (DownloadClient client = DownloadClient.create(config)) {
            List<DownloadRequest> rs = new ArrayList<>();
            for (int id = 0; id < 100; id++) {
                rs.add(request(id));
            }
            assertThatThrownBy(() -> client.downloadAll(rs)).isInstanceOf(DownloadFailedException.class)
                    .hasMessageContaining("POST " + hub.url(PROCESS)).hasMessageContaining("failed after 4 attempts");
            assertThat(100 - endless.size()).isEqualTo(4);
            assertThat(client.stats().failures()).isEqualTo(1);
        }
    }
}
