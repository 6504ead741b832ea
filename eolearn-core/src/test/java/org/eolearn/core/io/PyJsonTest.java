package org.eolearn.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PyJsonTest {

    private static Object parse(String json) throws IOException {
        return PyJson.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsValuesAsPythonsJsonModuleWritesThem() throws IOException {
        Map<?, ?> m = (Map<?, ?>) parse("{\"b\": 1, \"a\": [2147483648, 98765432109876543210, -0.0, 1e-7, NaN, "
                + "Infinity, -Infinity, true, false, null, \"\\u00e9\\n\"], \"c\": {}}");
        assertEquals(List.of("b", "a", "c"), List.copyOf(m.keySet()), "keys keep their order");
        assertEquals(Integer.valueOf(1), m.get("b"));
        List<?> a = (List<?>) m.get("a");
        assertEquals(Long.valueOf(2147483648L), a.get(0));
        assertEquals(new BigInteger("98765432109876543210"), a.get(1));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits((Double) a.get(2)));
        assertEquals(1e-7, a.get(3));
        assertTrue(Double.isNaN((Double) a.get(4)));
        assertEquals(Double.POSITIVE_INFINITY, a.get(5));
        assertEquals(Double.NEGATIVE_INFINITY, a.get(6));
        assertEquals(Arrays.asList(true, false, null, "é\n"), a.subList(7, 11));
        assertEquals(Map.of(), m.get("c"));
    }

    @Test
    void readsWhatItWrites() throws IOException {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("list", Arrays.asList(1, -2L, 0.5, Double.NaN, "x\"y", null, List.of()));
        value.put("nested", Map.of("k", List.of(Map.of())));
        byte[] bytes = PyJson.dumps(value);
        assertEquals(new String(bytes, StandardCharsets.UTF_8),
                new String(PyJson.dumps(PyJson.parse(bytes)), StandardCharsets.UTF_8));
    }

    @Test
    void emptyOrTruncatedInputIsAnIoError() {
        for (String bad : new String[] {"", "  ", "{\"a\": [1, 2", "[1, {\"k\": ", "{\"a\" 1}", "[1,]x"}) {
            assertThrows(IOException.class, () -> parse(bad), bad);
        }
    }
}
