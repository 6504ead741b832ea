package org.eolearn.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eolearn.core.DType;
import org.eolearn.core.EOPatch;
import org.eolearn.core.FeatureType;
import org.eolearn.core.GeoTable;
import org.eolearn.core.MetaInfo;
import org.eolearn.core.NdArrays;
import org.locationtech.jts.geom.Geometry;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One case of the eo-learn parity corpus ({@code ../shared/parity/public/<id>}): its {@code case.json}, input
 * patches and expected patch, and the comparison rules of {@code parity/README.md}.
 */
public final class ParityCase {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private final Path folder;
    private final JsonNode spec;

    private ParityCase(Path folder, JsonNode spec) {
        this.folder = folder;
        this.spec = spec;
    }

    /**
     * Opens a case (skipping or failing the test when the shared data is missing).
     *
     * @param id the case id
     * @return the case
     * @throws IOException if case.json cannot be read
     */
    public static ParityCase open(String id) throws IOException {
        Path folder = SharedData.parityCase(id);
        return new ParityCase(folder, JSON.readTree(folder.resolve("case.json").toFile()));
    }

    /**
     * Returns the case folder.
     *
     * @return the folder
     */
    public Path folder() {
        return folder;
    }

    /**
     * Returns case.json.
     *
     * @return the parsed JSON
     */
    public JsonNode spec() {
        return spec;
    }

    /**
     * Returns {@code params}.
     *
     * @return the parameters
     */
    public JsonNode params() {
        return spec.get("params");
    }

    /**
     * Loads the single input patch ({@code input/} or the TestEOPatch).
     *
     * @return the patch
     * @throws IOException if loading fails
     */
    public EOPatch input() throws IOException {
        JsonNode input = spec.get("input");
        if (input.isTextual() && input.asText().equals("TestEOPatch")) {
            return EOPatch.load(SharedData.testEOPatch());
        }
        return EOPatch.load(folder.resolve(input.asText()));
    }

    /**
     * Loads the named inputs ({@code input_a}, {@code input_b}, ...).
     *
     * @return the patches in case.json order
     * @throws IOException if loading fails
     */
    public List<EOPatch> inputs() throws IOException {
        List<EOPatch> out = new ArrayList<>();
        for (JsonNode n : spec.get("input")) {
            out.add(EOPatch.load(folder.resolve(n.asText())));
        }
        return out;
    }

    /**
     * Runs the case's task through the task registry with the case's parameters and inputs (the code path of
     * {@code eolearn task}): no input, the single input, or the named inputs in order.
     *
     * @return the task's result
     * @throws IOException if an input cannot be loaded
     */
    public Object runThroughRegistry() throws IOException {
        JsonNode input = spec.get("input");
        List<Object> inputs = new ArrayList<>();
        if (input != null && input.isArray()) {
            inputs.addAll(inputs());
        } else if (input != null && !input.isNull()) {
            inputs.add(input());
        }
        return new org.eolearn.core.task.TaskRunner(org.eolearn.core.task.TaskRegistry.standard())
                .run(spec.get("task").asText(), params(), inputs);
    }

    /**
     * Loads the expected patch.
     *
     * @return the patch
     * @throws IOException if loading fails
     */
    public EOPatch expected() throws IOException {
        return EOPatch.load(folder.resolve(spec.path("expected").asText("expected")));
    }

    /**
     * Checks an actual result against every rule of {@code compare}.
     *
     * @param actual the result patch
     * @throws IOException if the expected patch cannot be loaded
     */
    public void assertMatches(EOPatch actual) throws IOException {
        EOPatch expected = expected();
        Iterator<Map.Entry<String, JsonNode>> rules = spec.get("compare").properties().iterator();
        while (rules.hasNext()) {
            Map.Entry<String, JsonNode> rule = rules.next();
            String key = rule.getKey();
            JsonNode how = rule.getValue();
            String where = spec.get("id").asText() + " " + key;
            if (key.equals("_absent")) {
                for (JsonNode n : how) {
                    String[] p = n.asText().split("/");
                    assertThat(actual.contains(FeatureType.fromValue(p[0]), p[1])).as(where + " " + n.asText())
                            .isFalse();
                }
            } else if (key.equals("timestamps")) {
                assertThat(actual.timestamps()).as(where).isEqualTo(expected.timestamps());
            } else if (key.equals("bbox")) {
                double atol = how.get("atol").asDouble();
                assertThat(actual.bbox().crs()).as(where).isEqualTo(expected.bbox().crs());
                assertThat(actual.bbox().minX()).as(where).isCloseTo(expected.bbox().minX(), within(atol));
                assertThat(actual.bbox().minY()).as(where).isCloseTo(expected.bbox().minY(), within(atol));
                assertThat(actual.bbox().maxX()).as(where).isCloseTo(expected.bbox().maxX(), within(atol));
                assertThat(actual.bbox().maxY()).as(where).isCloseTo(expected.bbox().maxY(), within(atol));
            } else {
                String[] p = key.split("/", 2);
                FeatureType type = FeatureType.fromValue(p[0]);
                assertThat(actual.contains(type, p[1])).as(where + " present in the result").isTrue();
                compareFeature(where, type, actual.get(type, p[1]),
                        expected.contains(type, p[1]) ? expected.get(type, p[1]) : null, how);
            }
        }
    }

    /**
     * Checks one feature against the expected value with one of the corpus's comparison rules ({@code "exact"},
     * {@code {"atol", "rtol"}}, ...; see {@code parity/README.md}).
     *
     * @param where    names the case and feature in failure messages
     * @param type     the feature type
     * @param actual   the actual value
     * @param expected the expected value
     * @param how      the rule
     */
    public static void assertFeatureMatches(String where, FeatureType type, Object actual, Object expected,
            JsonNode how) {
        compareFeature(where, type, actual, expected, how);
    }

    private static org.assertj.core.data.Offset<Double> within(double atol) {
        return org.assertj.core.data.Offset.offset(atol);
    }

    private static void compareFeature(String where, FeatureType type, Object actual, Object expected, JsonNode how) {
        if (type.isArray()) {
            compareArray(where, (INDArray) actual, (INDArray) expected, how);
        } else if (type.isVector()) {
            compareVector(where, (GeoTable) actual, (GeoTable) expected, how);
        } else if (how.isTextual()) {
            assertThat(MetaInfo.jsonEquals(actual, expected)).as(where + ": " + actual + " vs " + expected).isTrue();
        } else {
            compareNumbers(where, actual, expected, how.get("atol").asDouble());
        }
    }

    private static void compareNumbers(String where, Object a, Object e, double atol) {
        if (e instanceof Number) {
            assertThat(((Number) a).doubleValue()).as(where).isCloseTo(((Number) e).doubleValue(), within(atol));
        } else if (e instanceof List) {
            List<?> x = (List<?>) a;
            List<?> y = (List<?>) e;
            assertThat(x).as(where).hasSameSizeAs(y);
            for (int i = 0; i < y.size(); i++) {
                compareNumbers(where + "[" + i + "]", x.get(i), y.get(i), atol);
            }
        } else if (e instanceof Map) {
            Map<?, ?> x = (Map<?, ?>) a;
            Map<?, ?> y = (Map<?, ?>) e;
            assertThat(x.keySet()).as(where).isEqualTo(y.keySet());
            for (Object k : y.keySet()) {
                compareNumbers(where + "." + k, x.get(k), y.get(k), atol);
            }
        } else {
            assertThat(a).as(where).isEqualTo(e);
        }
    }

    private static void compareArray(String where, INDArray actual, INDArray expected, JsonNode how) {
        if (how.isTextual() && how.asText().equals("exact")) {
            assertShapeDtype(where, actual, expected.shape(), DType.of(expected).numpyName());
            assertThat(NdArrays.nanEquals(actual, expected)).as(where + " exact values").isTrue();
            return;
        }
        if (how.has("shape_dtype")) {
            JsonNode sd = how.get("shape_dtype");
            assertShapeDtype(where, actual, shape(sd.get("shape")), sd.get("dtype").asText());
            return;
        }
        if (how.has("value_counts")) {
            assertShapeDtype(where, actual, shape(how.get("shape")), how.get("dtype").asText());
            Map<String, Long> counts = new TreeMap<>();
            for (double v : NdArrays.toDoubles(actual)) {
                counts.merge(key(v), 1L, Long::sum);
            }
            Map<String, Long> want = new TreeMap<>();
            how.get("value_counts").properties().forEach(e -> want.put(key(Double.parseDouble(e.getKey())),
                    e.getValue().asLong()));
            assertThat(counts).as(where + " value counts").isEqualTo(want);
            return;
        }
        if (how.has("stats")) {
            assertShapeDtype(where, actual, shape(how.get("shape")), how.get("dtype").asText());
            JsonNode st = how.get("stats");
            double atol = how.get("atol").asDouble();
            Stats s = Stats.of(actual);
            assertThat(s.min()).as(where + " min").isCloseTo(st.get("min").asDouble(), within(atol));
            assertThat(s.max()).as(where + " max").isCloseTo(st.get("max").asDouble(), within(atol));
            assertThat(s.mean()).as(where + " mean").isCloseTo(st.get("mean").asDouble(), within(atol));
            assertThat(s.median()).as(where + " median").isCloseTo(st.get("median").asDouble(), within(atol));
            assertThat(s.std()).as(where + " std").isCloseTo(st.get("std").asDouble(), within(atol));
            assertThat((double) s.countNonzero()).as(where + " count_nonzero")
                    .isCloseTo(st.get("count_nonzero").asDouble(), within(atol));
            assertThat((double) s.countNan()).as(where + " count_nan")
                    .isCloseTo(st.get("count_nan").asDouble(), within(atol));
            if (how.has("array_atol")) {
                assertClose(where, actual, expected, how.get("array_atol").asDouble(), 0);
            }
            return;
        }
        assertShapeDtype(where, actual, expected.shape(), DType.of(expected).numpyName());
        assertClose(where, actual, expected, how.get("atol").asDouble(), how.path("rtol").asDouble(0));
    }

    private static String key(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static void assertClose(String where, INDArray actual, INDArray expected, double atol, double rtol) {
        double[] a = NdArrays.toDoubles(actual);
        double[] e = NdArrays.toDoubles(expected);
        for (int i = 0; i < e.length; i++) {
            if (Double.isNaN(e[i]) || Double.isNaN(a[i])) {
                if (Double.isNaN(e[i]) != Double.isNaN(a[i])) {
                    fail(where + ": NaN position differs at flat index " + i + " (actual " + a[i] + ", expected "
                            + e[i] + ")");
                }
                continue;
            }
            if (Math.abs(a[i] - e[i]) > atol + rtol * Math.abs(e[i])) {
                fail(where + ": at flat index " + i + " actual " + a[i] + " differs from expected " + e[i]
                        + " by more than atol " + atol + " + rtol " + rtol);
            }
        }
    }

    private static void assertShapeDtype(String where, INDArray actual, long[] shape, String dtype) {
        assertThat(actual.shape()).as(where + " shape").isEqualTo(shape);
        assertThat(DType.of(actual).numpyName()).as(where + " dtype").isEqualTo(dtype);
    }

    private static long[] shape(JsonNode n) {
        long[] s = new long[n.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = n.get(i).asLong();
        }
        return s;
    }

    private static void compareVector(String where, GeoTable actual, GeoTable expected, JsonNode how) {
        if (how.isTextual()) {
            assertThat(actual.size()).as(where + " rows").isEqualTo(expected.size());
            assertThat(actual.columnNames()).as(where + " columns").isEqualTo(expected.columnNames());
            for (String c : expected.columnNames()) {
                List<Object> a = actual.column(c).values();
                List<Object> e = expected.column(c).values();
                for (int i = 0; i < e.size(); i++) {
                    assertThat(sameCell(a.get(i), e.get(i))).as(where + " column " + c + " row " + i
                            + ": " + a.get(i) + " vs " + e.get(i)).isTrue();
                }
            }
            for (int i = 0; i < expected.size(); i++) {
                Geometry a = actual.geometries().get(i);
                Geometry e = expected.geometries().get(i);
                if (a == null || e == null) {
                    // docs/differences.md D4: an empty geometry stays empty here, eo-learn (fiona) reads it as None
                    assertThat((a == null || a.isEmpty()) && (e == null || e.isEmpty())).as(where + " geometry row "
                            + i + ": " + a + " vs " + e).isTrue();
                    continue;
                }
                assertThat(a.equalsExact(e)).as(where + " geometry row " + i).isTrue();
            }
            return;
        }
        JsonNode sum = how.get("vector_summary");
        assertThat(actual.size()).as(where + " rows").isEqualTo(sum.get("rows").asInt());
        double area = actual.geometries().stream().mapToDouble(Geometry::getArea).sum();
        double rtol = how.path("total_area_rtol").asDouble(1e-6);
        assertThat(area).as(where + " total area").isCloseTo(sum.get("total_area").asDouble(),
                within(rtol * sum.get("total_area").asDouble()));
        if (sum.has("value_counts")) {
            String column = sum.get("value_counts").get("column").asText();
            Map<String, Long> counts = new TreeMap<>();
            for (Object v : actual.column(column).values()) {
                counts.merge(v instanceof Number ? key(((Number) v).doubleValue()) : String.valueOf(v), 1L, Long::sum);
            }
            Map<String, Long> want = new TreeMap<>();
            sum.get("value_counts").get("counts").properties().forEach(e -> want.put(
                    isNumber(e.getKey()) ? key(Double.parseDouble(e.getKey())) : e.getKey(), e.getValue().asLong()));
            assertThat(counts).as(where + " value counts").isEqualTo(want);
        }
    }

    /**
     * Cell equality; a DATE cell equals the ISO text eo-learn holds for it (docs/differences.md D1: fiona reads DATE
     * fields as strings and geopandas writes them back as text).
     */
    private static boolean sameCell(Object actual, Object expected) {
        if (actual instanceof java.time.LocalDate && expected instanceof String) {
            return actual.toString().equals(expected);
        }
        return MetaInfo.jsonEquals(actual, expected);
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * Lists the ids of every case of a module.
     *
     * @param module for example {@code "core"}
     * @return the case ids
     * @throws IOException if the corpus cannot be listed
     */
    public static List<String> idsOfModule(String module) throws IOException {
        List<String> ids = new ArrayList<>();
        try (var dirs = Files.list(SharedData.resolve("parity/public"))) {
            for (Path d : (Iterable<Path>) dirs.sorted()::iterator) {
                JsonNode s = JSON.readTree(d.resolve("case.json").toFile());
                if (s.path("module").asText().equals(module)) {
                    ids.add(d.getFileName().toString());
                }
            }
        }
        return ids;
    }
}
