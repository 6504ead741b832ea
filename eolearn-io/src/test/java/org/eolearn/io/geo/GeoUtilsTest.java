package org.eolearn.io.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.eolearn.core.BBox;
import org.eolearn.core.CRS;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

/** Vectors from sentinelhub-py 3.11.5's tests/test_geo_utils.py and values derived from its formulas. */
class GeoUtilsTest {

    private static final GeometryFactory F = new GeometryFactory();
    private static final BBox BBOX_WGS84 = new BBox(111.6388, 8.6488, 111.6988, 8.6868, CRS.WGS84);
    private static final BBox BBOX_UTM = new BBox(570280, 956083, 576884, 960306, new CRS(32649));
    private static final BBox BBOX_POP_WEB = new BBox(12427574, 966457, 12434253, 970736, CRS.POP_WEB);
    private static final BBox BBOX_2 = new BBox(570000, 956000, 571000, 958000, new CRS(32649));
    private static final BBox BBOX_3 = new BBox(100, -10.5, 101, -10, CRS.WGS84);

    @Test
    void bboxToDimensionsMatchesSentinelhubPy() {
        assertThat(GeoUtils.bboxToDimensions(BBOX_WGS84, 10)).containsExactly(659, 421);
        assertThat(GeoUtils.bboxToDimensions(BBOX_UTM, 10)).containsExactly(660, 422);
        assertThat(GeoUtils.bboxToDimensions(BBOX_POP_WEB, 20, 50)).containsExactly(330, 84);
        assertThat(GeoUtils.bboxToDimensions(BBOX_2, 20, 10)).containsExactly(50, 200);
        assertThat(GeoUtils.bboxToDimensions(BBOX_3, 100, 50)).containsExactly(1098, 1096);
    }

    @Test
    void bboxToDimensionsRoundsHalfToEvenAndRejectsEmptyImages() {
        // 25 m / 10 m = 2.5 -> Python round gives 2; 35 / 10 = 3.5 -> 4
        BBox b = new BBox(500000, 0, 500025, 35, CRS.utm(33, true));
        assertThat(GeoUtils.bboxToDimensions(b, 10)).containsExactly(2, 4);
        assertThatThrownBy(() -> GeoUtils.bboxToDimensions(b, 100)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("resolution").hasMessageContaining("0x0");
        assertThatThrownBy(() -> GeoUtils.bboxToDimensions(b, -1)).hasMessageContaining("resolution");
    }

    @Test
    void bboxToResolutionMatchesSentinelhubPy() {
        assertThat(GeoUtils.bboxToResolution(BBOX_UTM, 512, 50)[0]).isCloseTo(12.8984, within(1e-3));
        assertThat(GeoUtils.bboxToResolution(BBOX_UTM, 512, 50)[1]).isCloseTo(84.46, within(1e-3));
        assertThat(GeoUtils.bboxToResolution(BBOX_WGS84, 512, 512)[0]).isCloseTo(12.8784, within(1e-3));
        assertThat(GeoUtils.bboxToResolution(BBOX_3, 500, 500)[1]).isCloseTo(109.58, within(1e-2));
    }

    @Test
    void utmZoneRulesOfTheUtmPackage() {
        assertThat(GeoUtils.utmCrs(109.988, 9.988)).isEqualTo(new CRS(32649));
        assertThat(GeoUtils.utmCrs(49.889, 49.889)).isEqualTo(new CRS(32639));
        assertThat(GeoUtils.utmCrs(30, -15)).isEqualTo(new CRS(32736));
        assertThat(GeoUtils.utmZone(5, 60)).isEqualTo(32); // Norway
        assertThat(GeoUtils.utmZone(10, 75)).isEqualTo(33); // Svalbard
        assertThat(GeoUtils.utmZone(180, 0)).isEqualTo(1);
        assertThat(GeoUtils.utmZone(179.99, 0)).isEqualTo(60);
        assertThat(GeoUtils.utmZone(-180, -1)).isEqualTo(1);
        assertThat(GeoUtils.utmZone(BBOX_POP_WEB)).isEqualTo(new CRS(32649));
    }

    @Test
    void pointTransformsMatchSentinelhubPyVectors() {
        double[] p = GeoUtils.transformPoint(111.644, 8.655, CRS.WGS84, CRS.POP_WEB);
        assertThat(p[0]).isCloseTo(12428153.23, within(0.01));
        assertThat(p[1]).isCloseTo(967155.41, within(0.01));
        double[] q = GeoUtils.transformPoint(360000.0, 4635040.0, CRS.utm(31, true), CRS.WGS84);
        assertThat(q[0]).isCloseTo(1.313392213, within(1e-8));
        assertThat(q[1]).isCloseTo(41.854888581, within(1e-8));
        double[] r = GeoUtils.transformPoint(360000.0, 4635040.0, CRS.utm(31, true), CRS.utm(30, true));
        assertThat(r[0]).isCloseTo(858072.82713, within(1e-3));
        assertThat(r[1]).isCloseTo(4642667.30545, within(1e-3));
    }

    @Test
    void bboxTransformMovesTwoCornersAndBoundsTakesTheEnvelope() {
        BBox utm = GeoUtils.transform(BBOX_WGS84, new CRS(32649));
        double[] ll = GeoUtils.transformPoint(111.6388, 8.6488, CRS.WGS84, new CRS(32649));
        assertThat(utm.minX()).isEqualTo(ll[0]);
        assertThat(utm.minY()).isEqualTo(ll[1]);
        BBox bounds = GeoUtils.transformBounds(BBOX_UTM, CRS.WGS84);
        double[] ul = GeoUtils.transformPoint(570280, 960306, new CRS(32649), CRS.WGS84);
        double[] lr = GeoUtils.transformPoint(576884, 956083, new CRS(32649), CRS.WGS84);
        double[] ll2 = GeoUtils.transformPoint(570280, 956083, new CRS(32649), CRS.WGS84);
        assertThat(bounds.minX()).isEqualTo(Math.min(ul[0], ll2[0]));
        assertThat(bounds.maxY()).isEqualTo(Math.max(ul[1], lr[1]));
    }

    @Test
    void partitionAndBuffer() {
        BBox b = new BBox(0, 0, 10, 5, CRS.utm(33, true));
        BBox[][] parts = GeoUtils.partition(b, 0, 0, 4, 4);
        assertThat(parts.length).isEqualTo(3); // ceil(10/4)
        assertThat(parts[0].length).isEqualTo(2); // ceil(5/4)
        assertThat(parts[2][1]).isEqualTo(new BBox(8, 4, 12, 8, b.crs()));
        assertThat(GeoUtils.buffer(b, 0.2, 0.2)).isEqualTo(new BBox(-1, -0.5, 11, 5.5, b.crs()));
    }

    @Test
    void bboxSplitterKeepsCellsIntersectingTheArea() {
        // a triangle (0,0) (4,0) (0,4): of a 4x4 grid of unit cells, the cells (i, j) with i + j <= 3 touch it
        // (shapely's intersects counts touching at the hypotenuse's corner points too: i + j = 4 cells only touch
        // at a vertex (i, j) with i + j = 4, which lies on the hypotenuse, so they intersect as well)
        Geometry tri = F.createPolygon(new Coordinate[] {new Coordinate(0, 0), new Coordinate(4, 0),
            new Coordinate(0, 4), new Coordinate(0, 0)});
        BBoxSplitter s = BBoxSplitter.ofShape(List.of(tri), CRS.utm(33, true), 4, 4);
        assertThat(s.areaBBox()).isEqualTo(new BBox(0, 0, 4, 4, CRS.utm(33, true)));
        int expected = 0;
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                if (i + j <= 4) {
                    expected++;
                }
            }
        }
        assertThat(s.parts()).hasSize(expected);
        assertThat(s.parts().get(0).info()).containsEntry("index_x", 0).containsEntry("index_y", 0);
        assertThat(s.parts().get(1).info()).containsEntry("index_x", 0).containsEntry("index_y", 1);
        // cell (3, 0) = [3,4]x[0,1] holds the triangle (3,0) (4,0) (3,1): reduced to (3, 0, 4, 1); the last cell
        // (3, 1) only touches the area at the point (3, 1): reduced to that point
        List<BBox> reduced = s.bboxes(0, true);
        assertThat(reduced.get(expected - 2)).isEqualTo(new BBox(3, 0, 4, 1, CRS.utm(33, true)));
        assertThat(reduced.get(expected - 1)).isEqualTo(new BBox(3, 1, 3, 1, CRS.utm(33, true)));
        BBoxSplitter bySize = BBoxSplitter.ofSize(List.of(tri), CRS.utm(33, true), 3, 3);
        assertThat(bySize.bboxes()).containsExactly(new BBox(0, 0, 3, 3, CRS.utm(33, true)),
                new BBox(0, 3, 3, 6, CRS.utm(33, true)), new BBox(3, 0, 6, 3, CRS.utm(33, true)));
    }

    @Test
    void utmZoneSplitterCoversEachZoneWithAlignedCells() {
        // an area straddling the 12°E meridian (zones 32 and 33), 0.2° x 0.1°
        Geometry area = new BBox(11.9, 46.0, 12.1, 46.1, CRS.WGS84).toPolygon(F);
        UtmZoneSplitter s = new UtmZoneSplitter(List.of(area), CRS.WGS84, 5000, 5000);
        assertThat(s.parts()).isNotEmpty();
        assertThat(s.parts().stream().map(p -> p.bbox().crs()).distinct().toList())
                .containsExactly(CRS.utm(32, true), CRS.utm(33, true));
        for (AreaSplit p : s.parts()) {
            // lower-left corners are multiples of the size (offset 0): floor((ll - 0) / 5000) * 5000
            assertThat(p.bbox().minX() % 5000).isZero();
            assertThat(p.bbox().minY() % 5000).isZero();
            assertThat(p.bbox().width()).isEqualTo(5000);
        }
        assertThat(s.parts().get(0).info()).containsEntry("crs", "UTM_32N").containsEntry("utm_zone", "32")
                .containsEntry("direction", "N").containsEntry("index", 0);
        // zone 32's part: from 11.9°E to 12°E is ~7.7 km wide, 11.1 km high -> the aligned cells covering it
        BBox zone32 = GeoUtils.transform(new BBox(11.9, 46.0, 12.0, 46.1, CRS.WGS84), CRS.utm(32, true));
        long cells32 = s.parts().stream().filter(p -> p.bbox().crs().equals(CRS.utm(32, true))).count();
        assertThat(cells32).isBetween(4L, (long) ((Math.ceil(zone32.width() / 5000) + 1)
                * (Math.ceil(zone32.height() / 5000) + 1)));
        // the cells of each zone cover the area's part in that zone (transformed vertex by vertex)
        for (int zone : new int[] {32, 33}) {
            CRS utm = CRS.utm(zone, true);
            Geometry zonePart = new BBox(zone == 32 ? 11.9 : 12.0, 46.0, zone == 32 ? 12.0 : 12.1, 46.1, CRS.WGS84)
                    .toPolygon(F);
            Geometry inUtm = GeoUtils.transform(zonePart, CRS.WGS84, utm);
            Geometry cells = F.buildGeometry(s.parts().stream().filter(p -> p.bbox().crs().equals(utm))
                    .map(p -> (Geometry) p.bbox().toPolygon(F)).toList()).union();
            assertThat(cells.buffer(1e-6).covers(inUtm)).isTrue();
        }
        List<Integer> indices = s.parts().stream().map(p -> (Integer) p.info().get("index")).toList();
        for (int i = 0; i < indices.size(); i++) {
            assertThat(indices.get(i)).isEqualTo(i);
        }
    }
}
