package org.eolearn.io.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eolearn.core.BBox;
import org.eolearn.core.CRS;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureType;
import org.eolearn.core.GeoTable;
import org.eolearn.core.task.EOTask;
import org.eolearn.core.task.TaskRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * VectorImportTask's builder: the default build is the registry's task from JSON with only the required parameters
 * (eo-learn's {@code reproject=True}, {@code clip=False}, first layer), settings have their effect, bad arguments
 * are named.
 */
class VectorImportTaskBuilderTest {

    private static final Feature POINTS = Feature.of(FeatureType.VECTOR_TIMELESS, "P");
    /** Around the first point (14.5, 46.0), in UTM 33N. */
    private static final BBox NEAR_FIRST = org.eolearn.io.raster.Crs.transformCorners(
            new BBox(14.4, 45.9, 14.6, 46.1, CRS.WGS84), CRS.utm(33, true));

    @TempDir
    Path tmp;

    private Path file;

    @BeforeEach
    void writeFile() throws IOException {
        file = tmp.resolve("pts.geojson");
        Files.writeString(file, "{\"type\": \"FeatureCollection\", \"features\": ["
                + "{\"type\": \"Feature\", \"properties\": {\"a\": 1},"
                + " \"geometry\": {\"type\": \"Point\", \"coordinates\": [14.5, 46.0]}},"
                + "{\"type\": \"Feature\", \"properties\": {\"a\": 2},"
                + " \"geometry\": {\"type\": \"Point\", \"coordinates\": [15.5, 46.5]}}]}");
    }

    private static EOPatch run(EOTask task, BBox bbox) {
        return (EOPatch) task.execute(List.of(), Map.of("bbox", bbox));
    }

    @Test
    void defaultBuildIsTheRegistrysTaskWithOnlyTheRequiredParameters() throws Exception {
        VectorImportTask built = VectorImportTask.builder(POINTS, file).build();
        EOTask json = TaskRegistry.standard().create("VectorImportTask", JsonMapper.builder().build().readTree(
                "{\"feature\": [\"vector_timeless\", \"P\"], \"path\": " + JsonMapper.builder().build()
                        .writeValueAsString(file.toString()) + "}"));
        assertThat(built.describe()).isEqualTo(json.describe()).containsEntry("reproject", true)
                .containsEntry("clip", false).containsEntry("layer", null);
        assertThat(new VectorImportTask(POINTS, file).describe()).isEqualTo(json.describe());
        EOPatch a = run(built, NEAR_FIRST);
        assertThat(a).isEqualTo(run(json, NEAR_FIRST));
        GeoTable t = a.getVector(POINTS.type(), POINTS.name());
        assertThat(t.size()).isEqualTo(1);
        assertThat(t.crs()).as("reprojected by default").isEqualTo(CRS.utm(33, true));
    }

    @Test
    void settingsHaveTheirEffect() {
        GeoTable kept = run(VectorImportTask.builder(POINTS, file).reproject(false).build(), NEAR_FIRST)
                .getVector(POINTS.type(), POINTS.name());
        assertThat(kept.crs()).isEqualTo(CRS.WGS84);
        // clipping needs the rows in the bbox's CRS: refused without reprojecting, done with it
        assertThatThrownBy(() -> run(VectorImportTask.builder(POINTS, file).reproject(false).clip(true).build(),
                NEAR_FIRST)).hasMessageContaining("same CRS");
        assertThat(run(VectorImportTask.builder(POINTS, file).clip(true).build(), NEAR_FIRST)
                .getVector(POINTS.type(), POINTS.name()).size()).isEqualTo(1);
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> VectorImportTask.builder(POINTS, tmp.resolve("x.shp")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("path");
        assertThatThrownBy(() -> VectorImportTask.builder(Feature.of(FeatureType.DATA, "P"), file))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("feature");
        assertThatThrownBy(() -> VectorImportTask.builder(POINTS, null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("path");
        assertThatThrownBy(() -> VectorImportTask.builder(POINTS, file).layer(""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("layer");
    }
}
