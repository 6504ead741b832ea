package org.eolearn.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opengis.referencing.crs.CoordinateReferenceSystem;
import org.opengis.referencing.crs.ProjectedCRS;

/** Tests {@link CRS} parsing and Apache SIS objects without an EPSG database, and {@link BBox}. */
class CRSAndBBoxTest {

    @Test
    void sisNoteAboutItsMissingDatabaseIsQuieted() {
        CRS.parse("EPSG:3857").toSis();
        assertThat(java.util.logging.Logger.getLogger("org.apache.sis.system").getLevel())
                .isEqualTo(java.util.logging.Level.SEVERE);
        assertThat(java.util.logging.Logger.getLogger("org.apache.sis.sql").getLevel())
                .isEqualTo(java.util.logging.Level.SEVERE);
    }

    @Test
    void parsesEveryFormOfName() {
        assertThat(CRS.parse("urn:ogc:def:crs:EPSG::32633")).isEqualTo(new CRS(32633));
        assertThat(CRS.parse("EPSG:3857")).isEqualTo(CRS.POP_WEB);
        assertThat(CRS.parse("epsg:4326")).isEqualTo(CRS.WGS84);
        assertThat(CRS.parse("32734")).isEqualTo(CRS.utm(34, false));
        assertThat(CRS.parse("http://www.opengis.net/def/crs/EPSG/0/2154")).isEqualTo(new CRS(2154));
        assertThat(CRS.parse("urn:ogc:def:crs:OGC:1.3:CRS84")).isEqualTo(CRS.WGS84);
        assertThatThrownBy(() -> CRS.parse("not a crs")).hasMessageContaining("not a crs");
        assertThatThrownBy(() -> new CRS(0)).hasMessageContaining("epsg");
    }

    @Test
    void sisKnowsWgs84UtmAndWebMercatorWithoutEpsgDatabase() {
        CoordinateReferenceSystem utm = CRS.utm(33, true).toSis();
        assertThat(utm).isInstanceOf(ProjectedCRS.class);
        assertThat(utm.getName().getCode()).contains("33N");
        assertThat(CRS.WGS84.toSis().getCoordinateSystem().getAxis(0).getDirection().name()).isEqualTo("EAST");
        assertThat(CRS.POP_WEB.toSis()).isInstanceOf(ProjectedCRS.class);
        assertThat(CRS.utm(60, false).ogcUrn()).isEqualTo("urn:ogc:def:crs:EPSG::32760");
    }

    @Test
    void bboxValidatesAndPrints() {
        BBox b = new BBox(465181.0522318204, 5079244.8912012065, 466180.53145382757, 5080254.63349641,
                CRS.utm(33, true));
        assertThat(b.width()).isCloseTo(999.48, org.assertj.core.data.Offset.offset(0.01));
        assertThat(b.toString()).isEqualTo("BBox(((465181.0522318204, 5079244.8912012065), (466180.53145382757, "
                + "5080254.63349641)), crs=CRS('32633'))");
        assertThat(new BBox(0, 0, 1e17, 1e-5, CRS.POP_WEB).toString())
                .isEqualTo("BBox(((0.0, 0.0), (1e+17, 1e-05)), crs=CRS('3857'))");
        assertThatThrownBy(() -> new BBox(2, 0, 1, 1, CRS.WGS84)).hasMessageContaining("minimum");
        assertThatThrownBy(() -> new BBox(Double.NaN, 0, 1, 1, CRS.WGS84)).hasMessageContaining("finite");
    }
}
