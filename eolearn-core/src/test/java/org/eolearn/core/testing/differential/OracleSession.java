package org.eolearn.core.testing.differential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eolearn.core.testing.Oracle;

/**
 * One long-lived eo-learn process ({@code oracle_server.py} under {@code ../shared/oracle/env.sh}) answering task
 * requests in order, so that its start-up and numba's compilation are paid once per test JVM. Requests are pipelined:
 * {@link #submit} returns at once, answers complete the futures in order.
 */
public final class OracleSession implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static OracleSession shared;

    private final Process process;
    private final BufferedWriter in;
    private final Deque<CompletableFuture<JsonNode>> pending = new ArrayDeque<>();
    private final Path log;
    private long nextId;

    private OracleSession(List<String> python) throws IOException {
        Path script = Files.createTempFile("eolearn-oracle-server-", ".py");
        try (InputStream s = OracleSession.class.getResourceAsStream("oracle_server.py")) {
            if (s == null) {
                throw new IOException("oracle_server.py is not on the test class path");
            }
            Files.write(script, s.readAllBytes());
        }
        script.toFile().deleteOnExit();
        log = Files.createTempFile("eolearn-oracle-server-", ".log");
        log.toFile().deleteOnExit();
        List<String> cmd = new ArrayList<>(python);
        cmd.add(script.toString());
        process = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
        in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        String ready = out.readLine();
        if (ready == null || !ready.contains("ready")) {
            throw new IOException("the eo-learn oracle did not start: " + ready + "\n" + tail());
        }
        Thread reader = new Thread(() -> readAnswers(out), "eolearn-oracle-answers");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Returns the session of this test JVM, starting it on first use (skips or fails the calling test when the oracle
     * is not installed, see {@link Oracle}).
     *
     * @return the session
     * @throws IOException if the process cannot be started
     */
    public static synchronized OracleSession shared() throws IOException {
        if (shared == null || !shared.process.isAlive()) {
            shared = new OracleSession(Oracle.python());
            OracleSession s = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(s::close));
        }
        return shared;
    }

    /**
     * Sends a request.
     *
     * @param request the request without its id (see oracle_server.py)
     * @return the answer, when it comes
     * @throws IOException if the process is gone
     */
    public synchronized CompletableFuture<JsonNode> submit(ObjectNode request) throws IOException {
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        request.put("id", nextId++);
        synchronized (pending) {
            pending.add(answer);
        }
        in.write(JSON.writeValueAsString(request));
        in.write('\n');
        in.flush();
        return answer;
    }

    private void readAnswers(BufferedReader out) {
        try {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                CompletableFuture<JsonNode> next;
                synchronized (pending) {
                    next = pending.poll();
                }
                if (next != null) {
                    next.complete(JSON.readTree(line));
                }
            }
        } catch (IOException e) {
            // the process ended; the futures below fail
        }
        IOException gone = new IOException("the eo-learn oracle process ended: " + tail());
        synchronized (pending) {
            pending.forEach(f -> f.completeExceptionally(gone));
            pending.clear();
        }
    }

    private String tail() {
        try {
            String text = Files.readString(log);
            return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        try {
            in.close();
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            // closing anyway
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            process.destroyForcibly();
        }
    }
}
