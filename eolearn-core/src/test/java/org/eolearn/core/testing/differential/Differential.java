package org.eolearn.core.testing.differential;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureType;
import org.eolearn.core.io.OverwritePermission;
import org.eolearn.core.io.SaveOptions;
import org.eolearn.core.task.TaskRegistry;
import org.eolearn.core.task.TaskRunner;
import org.eolearn.core.testing.ParityCase;

/**
 * The differential harness: runs a task on random inputs in the project and in eo-learn 1.5.6 (through one
 * long-lived {@link OracleSession}) and compares the results with the parity corpus's rules.
 *
 * <ul>
 *   <li>Both sides read the same input folders (written in eo-learn's format by the project) and the same parameters
 *       (the corpus's {@code params} JSON); the project runs the task through its registry, as {@code eolearn task}
 *       does.</li>
 *   <li>When eo-learn rejects a case (raises), the project must reject it too, and the other way round.</li>
 *   <li>Outputs: shape and dtype always exact; values by the case's rule ({@code "exact"} for integer and boolean
 *       logic; a tolerance with its reason where floating-point order differs).</li>
 *   <li>A case may be excused only by naming a difference listed in {@code docs/differences.md}.</li>
 *   <li>On divergence the smallest diverging case (by input size) is saved under {@code target/differential/} with
 *       both outputs, and the seed to rerun it is printed.</li>
 * </ul>
 *
 * <p>{@code -Deolearn.differentialCases=N} sets the number of cases per task (default 300),
 * {@code -Deolearn.seed=S} the seed, {@code -Deolearn.differentialKeepAll=true} saves every diverging case, not only
 * the smallest.
 */
public final class Differential {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int BATCH = 40;
    private static Set<String> differences;

    private Differential() {
    }

    /** One random case: inputs, parameters, what to compare. */
    public static final class Case {
        final String task;
        final List<EOPatch> inputs = new ArrayList<>();
        final ObjectNode params = JsonNodeFactory.instance.objectNode();
        final Map<String, JsonNode> compare = new LinkedHashMap<>();
        final List<Check> checks = new ArrayList<>();
        final Set<String> checked = new TreeSet<>();
        String excuse;
        boolean compareAll;
        final List<Setup> setups = new ArrayList<>();
        FileCheck fileCheck;

        /**
         * @param task the task's registry name (= eo-learn's class name)
         */
        public Case(String task) {
            this.task = task;
        }

        /**
         * Adds an input patch.
         *
         * @param patch the patch
         * @return this
         */
        public Case input(EOPatch patch) {
            inputs.add(patch);
            return this;
        }

        /**
         * The constructor's parameters.
         *
         * @return the {@code init} object, to fill
         */
        public ObjectNode init() {
            return params.withObject("init");
        }

        /**
         * The {@code execute} parameters.
         *
         * @return the {@code execute} object, to fill
         */
        public ObjectNode execute() {
            return params.withObject("execute");
        }

        /**
         * Compares one output ({@code "data/NDVI"}, {@code "timestamps"}, {@code "bbox"}) by a corpus rule.
         *
         * @param key  the output
         * @param rule {@code "exact"} or a rule object
         * @return this
         */
        public Case compare(String key, JsonNode rule) {
            compare.put(key, rule);
            return this;
        }

        /**
         * Compares one output exactly.
         *
         * @param key the output
         * @return this
         */
        public Case exact(String key) {
            return compare(key, JsonNodeFactory.instance.textNode("exact"));
        }

        /**
         * Compares one output within a tolerance.
         *
         * @param key  the output
         * @param atol the absolute tolerance
         * @param rtol the relative tolerance
         * @return this
         */
        public Case close(String key, double atol, double rtol) {
            ObjectNode rule = JsonNodeFactory.instance.objectNode();
            rule.put("atol", atol);
            rule.put("rtol", rtol);
            return compare(key, rule);
        }

        /**
         * Adds a check that no corpus rule expresses, e.g. a result that depends on a random generator the project
         * does not reproduce (numpy's), where only what does not depend on it can be compared. It runs after the
         * rules, on both results, and fails by throwing an {@link AssertionError} that says what differs.
         *
         * @param check the check
         * @param keys  the outputs it reads ({@code "data/NDVI"}), which eo-learn must save
         * @return this
         */
        public Case check(Check check, String... keys) {
            checks.add(check);
            checked.addAll(List.of(keys));
            return this;
        }

        /**
         * Compares the whole result: the same features, each exactly, the bbox and the timestamps.
         *
         * @return this
         */
        public Case compareAll() {
            compareAll = true;
            return this;
        }

        /**
         * Excuses the case by a deliberate difference listed in docs/differences.md (its id, e.g. {@code D3}).
         *
         * @param differenceId the id
         * @return this
         */
        public Case excusedBy(String differenceId) {
            excuse = differenceId;
            return this;
        }

        /**
         * Prepares files before either side runs (a GeoTIFF to import, a patch to load or to overwrite), given the
         * case's folder. A parameter string may name the folder as {@value Differential#CASE_DIR} and the side as
         * {@value Differential#SIDE} ({@code "eolearn"} or {@code "project"}, folders that exist when the task runs),
         * so that each side writes its own files.
         *
         * @param setup what to write
         * @return this
         */
        public Case setup(Setup setup) {
            setups.add(setup);
            return this;
        }

        /**
         * Compares what the two sides wrote (when both succeeded), after the results.
         *
         * @param check the comparison of the {@code eolearn} and {@code project} side folders
         * @return this
         */
        public Case checkFiles(FileCheck check) {
            fileCheck = check;
            return this;
        }

        long size() {
            long n = 0;
            for (EOPatch p : inputs) {
                for (Feature f : p.getFeatures()) {
                    if (f.type().isArray()) {
                        n += p.getArray(f.type(), f.name()).length();
                    } else {
                        n++;
                    }
                }
            }
            return n;
        }
    }

    /** In a parameter string: the case's folder (absolute). */
    public static final String CASE_DIR = "{case}";
    /** In a parameter string: the side, {@code eolearn} or {@code project} (a sub-folder of the case's folder). */
    public static final String SIDE = "{side}";

    /** Writes a case's files into its folder. */
    @FunctionalInterface
    public interface Setup {
        /**
         * @param caseDir the case's folder
         * @throws IOException if writing fails
         */
        void write(Path caseDir) throws IOException;
    }

    /** Compares the files the two sides wrote. */
    @FunctionalInterface
    public interface FileCheck {
        /**
         * @param eolearn the folder eo-learn wrote to ({@value Differential#SIDE} = {@code eolearn})
         * @param project the folder the project wrote to
         * @return null when they agree, else what differs
         * @throws IOException if reading fails
         */
        String compare(Path eolearn, Path project) throws IOException;
    }

    /** The params with {@link #CASE_DIR} and {@link #SIDE} replaced in every string. */
    static JsonNode substitute(JsonNode n, Path caseDir, String side) {
        if (n.isTextual()) {
            String t = n.asText();
            return t.contains("{") ? JsonNodeFactory.instance.textNode(t.replace(CASE_DIR, caseDir.toString())
                    .replace(SIDE, side)) : n;
        }
        if (n.isArray()) {
            ArrayNode a = JsonNodeFactory.instance.arrayNode();
            n.forEach(x -> a.add(substitute(x, caseDir, side)));
            return a;
        }
        if (n.isObject()) {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            n.properties().forEach(e -> o.set(e.getKey(), substitute(e.getValue(), caseDir, side)));
            return o;
        }
        return n;
    }

    /** A check of a case's two results that no corpus rule expresses (see {@link Case#check}). */
    @FunctionalInterface
    public interface Check {
        /**
         * @param project the project's result
         * @param eolearn eo-learn's result (the features the case compares or checks)
         * @throws AssertionError saying what differs
         */
        void check(EOPatch project, EOPatch eolearn);
    }

    /** Makes one case from a seeded random source. */
    @FunctionalInterface
    public interface Generator {
        /**
         * @param random the random source of this case
         * @return the case
         */
        Case generate(RandomPatches random);
    }

    /** What a run found. */
    public record Summary(String task, int cases, int agreed, int bothRejected, int excused) {
        /**
         * Checks that every case was accounted for and that some produced a result on both sides (a generator whose
         * cases are all rejected tests nothing).
         */
        public void check() {
            if (agreed + bothRejected + excused != cases) {
                fail(this + ": cases unaccounted for");
            }
            if (agreed == 0) {
                fail(this + ": no case gave a result on both sides");
            }
        }

        @Override
        public String toString() {
            return task + ": " + cases + " random cases, " + agreed + " equal results, " + bothRejected
                    + " rejected by both" + (excused > 0 ? ", " + excused + " excused by docs/differences.md" : "");
        }
    }

    /** The number of cases per task: {@code -Deolearn.differentialCases}, default 300. */
    public static int cases() {
        return Integer.getInteger("eolearn.differentialCases", 300);
    }

    /**
     * Runs a task's cases and fails on the first unexplained divergence (after saving the smallest one).
     *
     * @param name      a name for messages and the failure folder (usually the task's)
     * @param generator the cases
     * @return the counts
     * @throws IOException if inputs cannot be written or read
     */
    public static Summary run(String name, Generator generator) throws IOException {
        return run(name, cases(), generator);
    }

    /**
     * Runs {@code count} cases.
     *
     * @param name      a name for messages and the failure folder
     * @param count     how many cases
     * @param generator the cases
     * @return the counts
     * @throws IOException if inputs cannot be written or read
     */
    public static Summary run(String name, int count, Generator generator) throws IOException {
        long seed = Long.getLong("eolearn.seed", new Random().nextLong());
        OracleSession oracle = OracleSession.shared();
        Path work = Files.createTempDirectory("eolearn-differential-");
        int agreed = 0;
        int rejected = 0;
        int excused = 0;
        List<Failure> failures = new ArrayList<>();
        try {
            for (int start = 0; start < count; start += BATCH) {
                int end = Math.min(count, start + BATCH);
                List<Case> cases = new ArrayList<>();
                List<CompletableFuture<JsonNode>> answers = new ArrayList<>();
                List<Path> folders = new ArrayList<>();
                for (int i = start; i < end; i++) {
                    Case c = generator.generate(new RandomPatches(new Random(caseSeed(seed, i))));
                    Path folder = work.resolve("case-" + i);
                    Files.createDirectories(folder.resolve("eolearn"));
                    Files.createDirectories(folder.resolve("project"));
                    for (Setup s : c.setups) {
                        s.write(folder);
                    }
                    ObjectNode request = JSON.createObjectNode();
                    request.put("task", c.task);
                    request.set("params", substitute(c.params, folder, "eolearn"));
                    ArrayNode inputs = request.putArray("inputs");
                    for (int k = 0; k < c.inputs.size(); k++) {
                        Path in = folder.resolve("input-" + k);
                        c.inputs.get(k).save(in, SaveOptions.defaults().withCompress(k % 2 == 1)
                                .withOverwrite(OverwritePermission.OVERWRITE_PATCH));
                        inputs.add(in.toString());
                    }
                    request.put("output", folder.resolve("eolearn-output").toString());
                    if (!c.compareAll) {
                        // eo-learn saves only what is compared (its GeoPackage writer is slow)
                        ArrayNode save = request.putArray("save_features");
                        Set<String> keys = new TreeSet<>(c.compare.keySet());
                        keys.addAll(c.checked);
                        for (String key : keys) {
                            if (key.contains("/")) {
                                String[] kv = key.split("/", 2);
                                save.addArray().add(kv[0]).add(kv[1]);
                            }
                        }
                    }
                    cases.add(c);
                    folders.add(folder);
                    answers.add(oracle.submit(request));
                }
                for (int j = 0; j < cases.size(); j++) {
                    Case c = cases.get(j);
                    Path folder = folders.get(j);
                    Object javaResult;
                    Throwable javaError = null;
                    try {
                        List<Object> inputs = new ArrayList<>();
                        for (int k = 0; k < c.inputs.size(); k++) {
                            inputs.add(EOPatch.load(folder.resolve("input-" + k)));
                        }
                        javaResult = new TaskRunner(TaskRegistry.standard()).run(c.task,
                                substitute(c.params, folder, "project"), inputs);
                    } catch (RuntimeException | IOException | StackOverflowError e) {
                        javaResult = null;
                        javaError = e;
                    }
                    JsonNode answer = answer(answers.get(j), folder);
                    int index = start + j;
                    String verdict;
                    try {
                        verdict = cleanRejection(javaError) ? verdict(c, javaResult, javaError, answer, folder)
                                : "the project fails with an internal error instead of a clear message: "
                                + stackTop(javaError) + "\n  params: " + c.params;
                    } catch (RuntimeException e) {
                        verdict = "comparing the results failed: " + stackTop(e) + "\n  params: " + c.params;
                    }
                    if (verdict == null) {
                        if (javaError != null) {
                            rejected++;
                        } else {
                            agreed++;
                        }
                    } else if (c.excuse != null) {
                        requireListed(c.excuse, name);
                        excused++;
                    } else {
                        failures.add(new Failure(index, c, verdict, folder, javaResult));
                    }
                }
            }
            if (!failures.isEmpty()) {
                Failure smallest = failures.stream().min((a, b) -> Long.compare(a.c.size(), b.c.size())).get();
                Path saved = keep(name, seed, smallest);
                if (Boolean.getBoolean("eolearn.differentialKeepAll")) {
                    for (Failure f : failures) {
                        if (f != smallest) {
                            keep(name, seed, f);
                        }
                    }
                }
                StringBuilder msg = new StringBuilder(name + ": " + failures.size() + " of " + count
                        + " random cases differ from eo-learn (seed " + seed + "; rerun with -Deolearn.seed=" + seed
                        + "). Smallest, case " + smallest.index + ", saved to " + saved + ":\n" + smallest.verdict);
                for (Failure f : failures.subList(0, Math.min(5, failures.size()))) {
                    if (f != smallest) {
                        msg.append("\n--- case ").append(f.index).append(": ").append(firstLines(f.verdict, 6));
                    }
                }
                fail(msg.toString());
            }
        } finally {
            deleteTree(work);
        }
        Summary s = new Summary(name, count, agreed, rejected, excused);
        System.out.println("differential " + s + " (seed " + seed + ")");
        recordSummary(s, seed);
        return s;
    }

    /**
     * Appends a run's counts to {@code target/differential-summary.tsv} of the module under test (task, cases, equal,
     * rejected by both, excused, seed), so that a build's counts per task can be listed.
     */
    private static synchronized void recordSummary(Summary s, long seed) throws IOException {
        Path file = Path.of("target", "differential-summary.tsv");
        Files.createDirectories(file.getParent());
        String line = String.join("\t", s.task(), Integer.toString(s.cases()), Integer.toString(s.agreed()),
                Integer.toString(s.bothRejected()), Integer.toString(s.excused()), Long.toString(seed)) + "\n";
        Files.writeString(file, line, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
    }

    /**
     * A rejection a user can act on: a documented exception type with a message (or no error at all); a task's I/O
     * failure comes as an {@link java.io.UncheckedIOException}.
     */
    private static boolean cleanRejection(Throwable e) {
        return e == null || (e instanceof IllegalArgumentException || e instanceof IOException
                || e instanceof UnsupportedOperationException || e instanceof IllegalStateException
                || e instanceof java.io.UncheckedIOException)
                && e.getMessage() != null && !e.getMessage().isBlank();
    }

    private static String stackTop(Throwable e) {
        StringBuilder b = new StringBuilder(e.toString());
        StackTraceElement[] trace = e.getStackTrace();
        for (int i = 0; i < Math.min(4, trace.length); i++) {
            b.append("\n    at ").append(trace[i]);
        }
        return b.toString();
    }

    /**
     * The seed of case {@code index}: the run's seed and the index mixed by SplitMix64's finaliser, so that cases
     * differ from their first draw on (java.util.Random's first draws from consecutive seeds are nearly equal: with
     * {@code seed * c + index} most cases of a run began the same way).
     */
    static long caseSeed(long seed, int index) {
        long z = seed * 0x9E3779B97F4A7C15L + (index + 1) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static JsonNode answer(CompletableFuture<JsonNode> future, Path folder) throws IOException {
        try {
            return future.get(300, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException("no answer from eo-learn for " + folder + ": " + e.getMessage(), e);
        }
    }

    /** Null when both sides agree, else what differs. */
    private static String verdict(Case c, Object javaResult, Throwable javaError, JsonNode answer, Path folder) {
        boolean pyOk = answer.path("ok").asBoolean(false);
        if (!pyOk && javaError != null) {
            return null;
        }
        if (!pyOk) {
            return "eo-learn rejects the case, the project does not:\n  eo-learn: " + answer.path("error").asText()
                    + ": " + firstLines(answer.path("message").asText(), 3) + "\n  params: " + c.params;
        }
        if (javaError != null) {
            return "the project rejects the case, eo-learn does not:\n  project: " + javaError + "\n  params: "
                    + c.params;
        }
        if (!answer.path("kind").asText().equals("patch") || !(javaResult instanceof EOPatch)) {
            return "results of different kinds: eo-learn " + answer.path("kind").asText() + ", project "
                    + (javaResult == null ? "null" : javaResult.getClass().getSimpleName());
        }
        EOPatch actual = (EOPatch) javaResult;
        EOPatch expected;
        try {
            expected = EOPatch.load(folder.resolve("eolearn-output"));
        } catch (IOException | RuntimeException e) {
            return "the project cannot load eo-learn's result: " + e;
        }
        try {
            compare(c, actual, expected);
        } catch (AssertionError e) {
            return firstLines(e.getMessage(), 12) + "\n  params: " + c.params;
        }
        if (c.fileCheck != null) {
            String files;
            try {
                files = c.fileCheck.compare(folder.resolve("eolearn"), folder.resolve("project"));
            } catch (IOException | AssertionError e) {
                files = e.toString();
            }
            if (files != null) {
                return "the files written differ: " + firstLines(files, 12) + "\n  params: " + c.params;
            }
        }
        return null;
    }

    private static void compare(Case c, EOPatch actual, EOPatch expected) {
        String where = c.task;
        if (c.compareAll) {
            assertSamePatch(where, actual, expected);
        }
        for (Map.Entry<String, JsonNode> rule : c.compare.entrySet()) {
            String key = rule.getKey();
            if (key.equals("timestamps")) {
                if (!java.util.Objects.equals(actual.timestamps(), expected.timestamps())) {
                    throw new AssertionError(where + ": timestamps differ: project " + actual.timestamps()
                            + ", eo-learn " + expected.timestamps());
                }
                continue;
            }
            String[] p = key.split("/", 2);
            FeatureType type = FeatureType.fromValue(p[0]);
            boolean inA = actual.contains(type, p[1]);
            boolean inE = expected.contains(type, p[1]);
            if (inA != inE) {
                throw new AssertionError(where + " " + key + ": present in " + (inA ? "the project's" : "eo-learn's")
                        + " result only");
            }
            if (inE) {
                ParityCase.assertFeatureMatches(where + " " + key, type, actual.get(type, p[1]),
                        expected.get(type, p[1]), rule.getValue());
            }
        }
        for (Check check : c.checks) {
            check.check(actual, expected);
        }
    }

    /**
     * The files below a folder, as sorted relative paths (none when it does not exist).
     *
     * @param root the folder
     * @return the paths
     * @throws IOException if listing fails
     */
    public static TreeSet<String> files(Path root) throws IOException {
        TreeSet<String> out = new TreeSet<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (var s = Files.walk(root)) {
            s.filter(Files::isRegularFile).forEach(f -> out.add(root.relativize(f).toString()));
        }
        return out;
    }

    /**
     * Compares two whole patches: the same features, each exactly (by the corpus's rules), the timestamps and the
     * bbox.
     *
     * @param where    a prefix for messages
     * @param project  the project's patch
     * @param eolearn  eo-learn's patch
     * @return null when equal, else what differs
     */
    public static String patchDifference(String where, EOPatch project, EOPatch eolearn) {
        try {
            assertSamePatch(where, project, eolearn);
            return null;
        } catch (AssertionError e) {
            return e.getMessage();
        }
    }

    private static void assertSamePatch(String where, EOPatch actual, EOPatch expected) {
        Set<String> a = new TreeSet<>();
        actual.getFeatures().forEach(f -> a.add(f.toString()));
        Set<String> e = new TreeSet<>();
        expected.getFeatures().forEach(f -> e.add(f.toString()));
        if (!a.equals(e)) {
            throw new AssertionError(where + ": features differ: project " + a + ", eo-learn " + e);
        }
        for (Feature f : expected.getFeatures()) {
            ParityCase.assertFeatureMatches(where + " " + f, f.type(), actual.get(f), expected.get(f),
                    JsonNodeFactory.instance.textNode("exact"));
        }
        if (!java.util.Objects.equals(actual.timestamps(), expected.timestamps())) {
            throw new AssertionError(where + ": timestamps differ: project " + actual.timestamps()
                    + ", eo-learn " + expected.timestamps());
        }
        if (!java.util.Objects.equals(actual.bbox(), expected.bbox())) {
            throw new AssertionError(where + ": bbox differs: project " + actual.bbox() + ", eo-learn "
                    + expected.bbox());
        }
    }

    private record Failure(int index, Case c, String verdict, Path folder, Object javaResult) {
    }

    private static Path keep(String name, long seed, Failure f) throws IOException {
        String root = System.getProperty("eolearn.root", "");
        Path base = (root.isBlank() ? Path.of("target") : Path.of(root).resolve("target")).resolve("differential")
                .resolve(name + "-seed" + seed + "-case" + f.index);
        deleteTree(base);
        Files.createDirectories(base);
        copyTree(f.folder, base);
        if (f.javaResult instanceof EOPatch) {
            ((EOPatch) f.javaResult).save(base.resolve("project-output"), SaveOptions.defaults().withCompress(false));
        }
        Files.writeString(base.resolve("params.json"), f.c.params.toPrettyString(), StandardCharsets.UTF_8);
        Files.writeString(base.resolve("verdict.txt"), f.verdict + "\n", StandardCharsets.UTF_8);
        return base;
    }

    /** Fails unless docs/differences.md lists the difference (a heading that starts with its id). */
    private static synchronized void requireListed(String id, String name) throws IOException {
        if (differences == null) {
            String root = System.getProperty("eolearn.root", "");
            Path doc = Path.of(root.isBlank() ? "." : root).resolve("docs/differences.md");
            differences = new TreeSet<>();
            if (Files.isRegularFile(doc)) {
                Matcher m = Pattern.compile("(?m)^#+\\s+(D\\d+)\\b").matcher(Files.readString(doc));
                while (m.find()) {
                    differences.add(m.group(1));
                }
            }
        }
        if (!differences.contains(id)) {
            fail(name + ": a case is excused by difference " + id + ", which docs/differences.md does not list");
        }
    }

    private static String firstLines(String s, int n) {
        String[] lines = s.split("\n");
        return String.join("\n", java.util.Arrays.copyOf(lines, Math.min(n, lines.length)));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }

    /** Best-effort removal (eo-learn may still be writing the answer to a case a failure cut short). */
    private static void deleteTree(Path p) {
        for (int attempt = 0; attempt < 3 && Files.exists(p); attempt++) {
            try (var s = Files.walk(p)) {
                for (Path x : (Iterable<Path>) s.sorted(java.util.Comparator.reverseOrder())::iterator) {
                    Files.deleteIfExists(x);
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * A feature as the corpus writes it: {@code ["data", "NDVI"]} or {@code ["data", "NDVI", "NEW"]}.
     *
     * @param type  the type
     * @param names the name, and optionally the new name
     * @return the JSON list
     */
    public static ArrayNode feature(FeatureType type, String... names) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        a.add(type.value());
        for (String n : names) {
            a.add(n);
        }
        return a;
    }
}
