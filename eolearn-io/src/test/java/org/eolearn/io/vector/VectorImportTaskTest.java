package org.eolearn.io.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import org.eolearn.core.task.TaskRegistry;
import org.eolearn.core.task.TaskRunner;
import org.eolearn.core.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

/** eo-learn's test_geometry_io on import-gpkg-test.gpkg, plus GeoJSON. */
class VectorImportTaskTest {

    private static final Feature LPIS = Feature.of(FeatureType.VECTOR_TIMELESS, "lpis_iacs");

    @TempDir
    Path tmp;

    static Path gpkg() {
        return SharedData.resolve("data/eolearn/import-gpkg-test.gpkg");
    }

    private static GeoTable run(boolean reproject, boolean clip, BBox bbox) {
        VectorImportTask task = new VectorImportTask(LPIS, gpkg(), reproject, clip, null);
        return task.execute((EOPatch) null, bbox).getVector(FeatureType.VECTOR_TIMELESS, "lpis_iacs");
    }

    @Test
    void simple() {
        GeoTable t = run(false, false, null);
        assertThat(t.size()).isEqualTo(193);
        assertThat(t.crs()).isEqualTo(new CRS(2154));
        assertThat(t.columnNames()).contains("id_parcel", "code_cultu", "surf_parc");
    }

    @Test
    void bboxInDatasetCrs() {
        GeoTable t = run(false, false, new BBox(857000, 6521500, 861000, 6525500, new CRS(2154)));
        assertThat(t.size()).isEqualTo(193);
        assertThat(t.crs()).isEqualTo(new CRS(2154));
    }

    @Test
    void bboxFullReprojectedAndClipped() {
        BBox bbox = new BBox(657089, 5071037, 661093, 5075039, CRS.utm(31, true));
        GeoTable t = run(true, true, bbox);
        assertThat(t.size()).isEqualTo(193);
        assertThat(t.crs()).isEqualTo(CRS.utm(31, true));
    }

    @Test
    void bboxSmallerReprojectedAndClipped() {
        BBox bbox = new BBox(657690, 5071637, 660493, 5074440, CRS.utm(31, true));
        EOPatch patch = new VectorImportTask(LPIS, gpkg(), true, true, null).execute((EOPatch) null, bbox);
        GeoTable t = patch.getVector(FeatureType.VECTOR_TIMELESS, "lpis_iacs");
        assertThat(t.size()).isEqualTo(125);
        assertThat(t.crs()).isEqualTo(CRS.utm(31, true));
        assertThat(patch.bbox()).isEqualTo(bbox);
        Envelope box = bbox.toEnvelope();
        for (Geometry g : t.geometries()) {
            assertThat(box.covers(g.getEnvelopeInternal())).isTrue();
            assertThat(g.getDimension()).isEqualTo(2);
        }
    }

    @Test
    void clippingInAnotherCrsFails() {
        assertThatThrownBy(() -> run(false, true, new BBox(657690, 5071637, 660493, 5074440, CRS.utm(31, true))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same CRS");
    }

    @Test
    void reprojectWithoutBboxFails() {
        assertThatThrownBy(() -> run(true, false, null)).hasMessageContaining("bbox has to be defined");
    }

    @Test
    void bboxFromThePatchAndThroughTheRegistry() throws IOException {
        EOPatch patch = new EOPatch(new BBox(657690, 5071637, 660493, 5074440, CRS.utm(31, true)), null);
        JsonMapper json = new JsonMapper();
        Object result = new TaskRunner(TaskRegistry.standard()).run("VectorImportTask", json.readTree(
                "{\"init\": {\"feature\": [\"vector_timeless\", \"LPIS\"], \"path\": \"" + gpkg()
                        + "\", \"clip\": true, \"layer\": \"lpis_iacs\"}, \"execute\": {}}"), List.of(patch));
        assertThat(((EOPatch) result).getVector(FeatureType.VECTOR_TIMELESS, "LPIS").size()).isEqualTo(125);
        assertThatThrownBy(() -> new VectorImportTask(LPIS, gpkg(), false, false, "nope").execute((EOPatch) null, null))
                .hasMessageContaining("nope").hasMessageContaining("lpis_iacs");
    }

    @Test
    void geojsonBorder() {
        Path file = SharedData.resolve("data/eolearn/svn_border.geojson");
        EOPatch patch = (EOPatch) new VectorImportTask(Feature.of(FeatureType.VECTOR_TIMELESS, "BORDER"), file,
                false, false, null).execute(List.of(), Map.of());
        GeoTable t = patch.getVector(FeatureType.VECTOR_TIMELESS, "BORDER");
        assertThat(t.size()).isEqualTo(1);
        assertThat(t.crs()).isEqualTo(CRS.utm(33, true));
        assertThat(t.column("NAME").values()).containsExactly("Slovenia");
        assertThat(t.geometries().get(0).getGeometryType()).isEqualTo("MultiPolygon");
        assertThat(patch.bbox().crs()).isEqualTo(CRS.utm(33, true));
        // reprojected to WGS84 and clipped to a box around Ljubljana
        BBox lj = new BBox(14.4, 45.9, 14.6, 46.1, CRS.WGS84);
        GeoTable clipped = new VectorImportTask(Feature.of(FeatureType.VECTOR_TIMELESS, "B"), file, true, true, null)
                .execute((EOPatch) null, lj).getVector(FeatureType.VECTOR_TIMELESS, "B");
        assertThat(clipped.size()).isEqualTo(1);
        assertThat(clipped.crs()).isEqualTo(CRS.WGS84);
        assertThat(clipped.geometries().get(0).getArea()).isCloseTo(0.2 * 0.2, org.assertj.core.data.Offset
                .offset(1e-9));
    }

    @Test
    void geojsonDefaultsToWgs84AndTypesColumns() throws IOException {
        Path f = tmp.resolve("pts.geojson");
        Files.writeString(f, "{\"type\": \"FeatureCollection\", \"features\": ["
                + "{\"type\": \"Feature\", \"properties\": {\"a\": 1, \"b\": 1.5, \"c\": \"x\", \"d\": true},"
                + " \"geometry\": {\"type\": \"Point\", \"coordinates\": [14.5, 46.0]}},"
                + "{\"type\": \"Feature\", \"properties\": {\"a\": 2, \"b\": 2, \"c\": null},"
                + " \"geometry\": {\"type\": \"Point\", \"coordinates\": [15.5, 46.5]}}]}");
        EOPatch patch = new VectorImportTask(Feature.of(FeatureType.VECTOR_TIMELESS, "P"), f, false, false, null)
                .execute((EOPatch) null, null);
        GeoTable t = patch.getVector(FeatureType.VECTOR_TIMELESS, "P");
        assertThat(t.crs()).isEqualTo(CRS.WGS84);
        assertThat(t.column("a").type()).isEqualTo(GeoTable.ColumnType.INTEGER);
        assertThat(t.column("b").type()).isEqualTo(GeoTable.ColumnType.REAL);
        assertThat(t.column("c").values()).containsExactly("x", null);
        assertThat(t.column("d").values()).containsExactly(true, null);
        assertThat(patch.bbox()).isEqualTo(new BBox(14.5, 46.0, 15.5, 46.5, CRS.WGS84));
        // a bbox filter in UTM keeps only the first point
        BBox utm = org.eolearn.io.raster.Crs.transformCorners(new BBox(14.4, 45.9, 14.6, 46.1, CRS.WGS84),
                CRS.utm(33, true));
        GeoTable near = new VectorImportTask(Feature.of(FeatureType.VECTOR_TIMELESS, "P"), f, true, false, null)
                .execute((EOPatch) null, utm).getVector(FeatureType.VECTOR_TIMELESS, "P");
        assertThat(near.size()).isEqualTo(1);
        assertThat(near.crs()).isEqualTo(CRS.utm(33, true));
    }

    @Test
    void badFilesNameThemselves() throws IOException {
        Path f = tmp.resolve("bad.geojson");
        Files.writeString(f, "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", "
                + "\"geometry\": {\"type\": \"Blob\"}}]}");
        assertThatThrownBy(() -> new VectorImportTask(LPIS, f, false, false, null).execute((EOPatch) null, null))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining(f.toString())
                .hasMessageContaining("Blob");
        Path g = tmp.resolve("bad.gpkg");
        Files.writeString(g, "not sqlite");
        assertThatThrownBy(() -> new VectorImportTask(LPIS, g, false, false, null).execute((EOPatch) null, null))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining(g.toString());
        assertThatThrownBy(() -> new VectorImportTask(LPIS, tmp.resolve("x.shp"), false, false, null))
                .hasMessageContaining("unsupported vector format");
    }

    @Test
    void otherLayerOfAGeoPackage() throws Exception {
        Path copy = tmp.resolve("two-layers.gpkg");
        Files.copy(gpkg(), copy);
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + copy);
             java.sql.Statement s = c.createStatement()) {
            s.execute("CREATE TABLE \"small\" (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom POLYGON, "
                    + "id_parcel TEXT, surf_parc REAL)");
            s.execute("INSERT INTO \"small\" SELECT fid, geom, id_parcel, surf_parc FROM lpis_iacs WHERE fid <= 10");
            s.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) VALUES "
                    + "('small', 'features', 'small', 2154)");
            s.execute("INSERT INTO gpkg_geometry_columns VALUES ('small', 'geom', 'POLYGON', 2154, 0, 0)");
        }
        GeoTable small = new VectorImportTask(LPIS, copy, false, false, "small").execute((EOPatch) null, null)
                .getVector(FeatureType.VECTOR_TIMELESS, "lpis_iacs");
        GeoTable all = new VectorImportTask(LPIS, copy, false, false, "lpis_iacs").execute((EOPatch) null, null)
                .getVector(FeatureType.VECTOR_TIMELESS, "lpis_iacs");
        assertThat(small.size()).isEqualTo(10);
        assertThat(all.size()).isEqualTo(193);
        assertThat(small.crs()).isEqualTo(new CRS(2154));
        assertThat(small.columnNames()).containsExactly("id_parcel", "surf_parc");
        for (int i = 0; i < 10; i++) {
            assertThat(small.geometries().get(i).equalsExact(all.geometries().get(i))).isTrue();
            assertThat(small.column("id_parcel").values().get(i)).isEqualTo(all.column("id_parcel").values().get(i));
        }
        // reprojected and clipped through the other layer too
        BBox bbox = new BBox(657089, 5071037, 661093, 5075039, CRS.utm(31, true));
        assertThat(new VectorImportTask(LPIS, copy, true, true, "small").execute((EOPatch) null, bbox)
                .getVector(FeatureType.VECTOR_TIMELESS, "lpis_iacs").size()).isEqualTo(10);
    }
}
