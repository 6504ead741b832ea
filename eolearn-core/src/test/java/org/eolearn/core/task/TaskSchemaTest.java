package org.eolearn.core.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.eolearn.core.FeatureSpec;
import org.junit.jupiter.api.Test;

/** Schemas: validation before the factory runs, suggestions for misspelt names, and drift between the two. */
class TaskSchemaTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    private static TaskRegistry registry(TaskFactory factory) {
        TaskRegistry r = new TaskRegistry();
        r.register(TaskSchema.builder("test", "ShrinkTask", "Shrinks a mask.")
                .required("mask_feature", TaskParam.Type.FEATURE, "the mask to shrink")
                .optional("disk_radius", TaskParam.Type.INTEGER, "1", "the radius of the disk")
                .choice("mode", "'fast'", "how", "fast", "exact")
                .build(), factory);
        return r;
    }

    @Test
    void unknownParameterNamesTheClosestDeclaredOne() {
        TaskRegistry r = registry(p -> new CopyTask(p.features("mask_feature"), false, null));
        assertThatThrownBy(() -> r.create("ShrinkTask", json("{'feature': ['mask', 'M']}")))
                .hasMessage("ShrinkTask: unknown parameter 'feature' (did you mean 'mask_feature'?); ShrinkTask "
                        + "takes mask_feature, disk_radius, mode");
        assertThatThrownBy(() -> r.create("ShrinkTask", json("{'mask_feature': ['mask', 'M'], 'disk_radus': 2}")))
                .hasMessageContaining("unknown parameter 'disk_radus' (did you mean 'disk_radius'?)");
        assertThatThrownBy(() -> r.create("ShrinkTask", json("{'mask_feature': ['mask', 'M'], 'colour': 2}")))
                .hasMessageStartingWith("ShrinkTask: unknown parameter 'colour'; ShrinkTask takes");
    }

    @Test
    void missingRequiredParameterIsNamedWithItsMeaning() throws Exception {
        TaskRegistry r = registry(p -> new CopyTask(p.features("mask_feature"), false, null));
        assertThatThrownBy(() -> r.create("ShrinkTask", json("{'disk_radius': 2}")))
                .hasMessage("ShrinkTask: parameter 'mask_feature' is required (feature: the mask to shrink)");
        assertThat(r.create("ShrinkTask", json("{'mask_feature': ['mask', 'M']}"))).isInstanceOf(CopyTask.class);
    }

    @Test
    void factoryReadingAnUndeclaredParameterIsAProgrammingError() {
        TaskRegistry r = registry(p -> new CopyTask(p.features("features", FeatureSpec.all()), false, null));
        assertThatThrownBy(() -> r.create("ShrinkTask", json("{'mask_feature': ['mask', 'M']}")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ShrinkTask reads parameter 'features', which its schema does not declare");
    }

    @Test
    void unknownTaskSuggestsTheClosestName() {
        TaskRegistry r = registry(p -> null);
        assertThatThrownBy(() -> r.create("ShrinkTsak", null))
                .hasMessage("unknown task 'ShrinkTsak' (did you mean 'ShrinkTask'?); `eolearn tasks` lists them all");
        assertThatThrownBy(() -> r.create("Zebra", null)).hasMessage("unknown task 'Zebra'; `eolearn tasks` lists "
                + "them all");
    }

    @Test
    void closestNeedsACloseName() {
        TaskSchema s = registry(p -> null).schema("ShrinkTask").orElseThrow();
        assertThat(s.closest("MASK_FEATURE")).contains("mask_feature");
        assertThat(s.closest("radius")).contains("disk_radius");
        assertThat(s.closest("mdoe")).contains("mode");
        assertThat(s.closest("x")).isEmpty();
        assertThat(TaskSchema.editDistance("kitten", "sitting")).isEqualTo(3);
        assertThat(TaskSchema.editDistance("", "abc")).isEqualTo(3);
    }

    @Test
    void declarationsAreChecked() {
        TaskSchema.Builder b = TaskSchema.builder("m", "T", "Does.").optional("a", TaskParam.Type.NUMBER, "0", "x");
        assertThatThrownBy(() -> b.optional("a", TaskParam.Type.NUMBER, "1", "y"))
                .hasMessageContaining("declared twice");
        assertThatThrownBy(() -> TaskSchema.builder("m", "T", " ")).hasMessageContaining("summary is empty");
        assertThatThrownBy(() -> b.choice("c", null, "z")).hasMessageContaining("no allowed values");
        assertThat(b.build().param("a").orElseThrow().required()).isFalse();
    }
}
