package org.eolearn.core.task;

import java.io.IOException;
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
        Object result = c.runThroughRegistry();
        c.assertMatches((EOPatch) result);
    }
}
