package org.eolearn.core.task;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.eolearn.core.EOPatch;
import org.eolearn.core.testing.ParityCase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every core parity case that names a task, run through the registry exactly as {@code eolearn task} runs it. */
class CoreTasksParityTest {

    static Stream<String> coreCases() throws IOException {
        return ParityCase.idsOfModule("core").stream().filter(id -> !id.equals("core_roundtrip_testeopatch"));
    }

    @ParameterizedTest
    @MethodSource("coreCases")
    void runsThroughTheRegistry(String id) throws IOException {
        ParityCase c = ParityCase.open(id);
        List<Object> inputs = new ArrayList<>();
        if (c.spec().get("input").isArray()) {
            inputs.addAll(c.inputs());
        } else {
            inputs.add(c.input());
        }
        Object result = new TaskRunner(TaskRegistry.standard()).run(c.spec().get("task").asText(), c.params(), inputs);
        c.assertMatches((EOPatch) result);
    }
}
