package org.eolearn.geometry.transformations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.eolearn.core.BBox;
import org.eolearn.core.CRS;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

/** Rasterizer, Polygonizer and Reprojection on small hand-checked inputs. */
class KernelsTest {

    /** 4x4 pixels of 1x1 over x in [0, 4], y in [0, 4]: row = 4 - y. */
    private static final PixelGrid GRID = PixelGrid.fromBounds(0, 0, 4, 4, 4, 4);
    private static final GeometryFactory GF = new GeometryFactory();

    private static Geometry wkt(String text) {
        try {
            return new WKTReader(GF).read(text);
        } catch (ParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static double[] burn(String geometry, boolean allTouched) {
        double[] r = new double[16];
        Rasterizer.rasterize(r, GRID, wkt(geometry), 1, allTouched, false);
        return r;
    }

    @Test
    void pixelCentreRuleAndAllTouched() {
        // the square covers only the centre (1.5, 2.5) -> col 1, row 4 - 2.5 = 1.5 -> row 1
        String square = "POLYGON ((0.6 0.6, 2.4 0.6, 2.4 2.4, 0.6 2.4, 0.6 0.6))";
        assertThat(burn(square, false)).containsExactly(
            0, 0, 0, 0,
            0, 0, 0, 0,
            0, 1, 0, 0,
            0, 0, 0, 0);
        // it touches columns 0..2 and rows 4 - 2.4 = 1.6 .. 4 - 0.6 = 3.4, i.e. rows 1..3
        assertThat(burn(square, true)).containsExactly(
            0, 0, 0, 0,
            1, 1, 1, 0,
            1, 1, 1, 0,
            1, 1, 1, 0);
    }

    @Test
    void holesStayEmptyAndMultipolygonsBurnEveryPart() {
        assertThat(burn("POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0), (1 1, 3 1, 3 3, 1 3, 1 1))", false)).containsExactly(
            1, 1, 1, 1,
            1, 0, 0, 1,
            1, 0, 0, 1,
            1, 1, 1, 1);
        assertThat(burn("MULTIPOLYGON (((0 3, 1 3, 1 4, 0 4, 0 3)), ((3 0, 4 0, 4 1, 3 1, 3 0)))", false))
                .containsExactly(
            1, 0, 0, 0,
            0, 0, 0, 0,
            0, 0, 0, 0,
            0, 0, 0, 1);
    }

    @Test
    void linesAndPoints() {
        assertThat(burn("LINESTRING (0.5 3.5, 3.5 3.5)", false)).containsExactly(
            1, 1, 1, 1,
            0, 0, 0, 0,
            0, 0, 0, 0,
            0, 0, 0, 0);
        assertThat(burn("LINESTRING (0.5 3.5, 3.5 0.5)", false)).containsExactly(
            1, 0, 0, 0,
            0, 1, 0, 0,
            0, 0, 1, 0,
            0, 0, 0, 1);
        // pixel space (0.2, 0.7) .. (3.8, 1.5): it enters row 1 at column 0.2 + 3.6 * 0.3 / 0.8 = 1.55
        assertThat(burn("LINESTRING (0.2 3.3, 3.8 2.5)", true)).containsExactly(
            1, 1, 0, 0,
            0, 1, 1, 1,
            0, 0, 0, 0,
            0, 0, 0, 0);
        // a long line mostly outside the raster burns the pixels it crosses inside (clipped, not walked)
        assertThat(burn("LINESTRING (-1000000 1.5, 1000000 1.5)", true)).containsExactly(
            0, 0, 0, 0,
            0, 0, 0, 0,
            1, 1, 1, 1,
            0, 0, 0, 0);
        assertThat(burn("MULTIPOINT ((2.5 0.5), (0.1 3.9), (9 9))", false)).containsExactly(
            1, 0, 0, 0,
            0, 0, 0, 0,
            0, 0, 0, 0,
            0, 0, 1, 0);
    }

    @Test
    void laterGeometriesWinAndAddSums() {
        List<Geometry> gs = List.of(wkt("POLYGON ((0 0, 2 0, 2 4, 0 4, 0 0))"), wkt("POLYGON ((1 0, 4 0, 4 4, 1 4, 1 0))"));
        double[] r = Rasterizer.rasterize(GRID, gs, new double[] {5, 7}, 9, false);
        assertThat(Arrays.copyOfRange(r, 0, 4)).containsExactly(5, 7, 7, 7);
        double[] sum = new double[16];
        for (Geometry g : gs) {
            Rasterizer.rasterize(sum, GRID, g, 1, false, true);
        }
        assertThat(Arrays.copyOfRange(sum, 0, 4)).containsExactly(1, 2, 1, 1);
        assertThatThrownBy(() -> Rasterizer.rasterize(new double[3], GRID, gs.get(0), 1, false, false))
                .hasMessageContaining("does not match");
    }

    private static List<Polygonizer.Shape> shapes(double[] raster, int h, int w, boolean eight) {
        return Polygonizer.polygonize(raster, null, PixelGrid.fromBounds(0, 0, w, h, w, h), eight, GF);
    }

    @Test
    void regionWithAHole() {
        List<Polygonizer.Shape> s = shapes(new double[] {1, 1, 1, 1, 2, 1, 1, 1, 1}, 3, 3, false);
        assertThat(s).hasSize(2);
        assertThat(s.get(0).value()).isEqualTo(1);
        Polygon outer = (Polygon) s.get(0).geometry();
        assertThat(outer.getNumInteriorRing()).isEqualTo(1);
        assertThat(outer.getArea()).isEqualTo(8);
        // only corner vertices: 4 + closing point
        assertThat(outer.getExteriorRing().getNumPoints()).isEqualTo(5);
        assertThat(s.get(1).geometry().getArea()).isEqualTo(1);
        assertThat(s.get(1).geometry().getEnvelopeInternal().getMinX()).isEqualTo(1);
    }

    @Test
    void diagonalNeighboursDependOnConnectivity() {
        double[] checker = {1, 0, 0, 1};
        assertThat(shapes(checker, 2, 2, false)).hasSize(4);
        List<Polygonizer.Shape> eight = shapes(checker, 2, 2, true);
        assertThat(eight).hasSize(2);
        assertThat(eight).allMatch(x -> x.geometry().isValid() && x.geometry().getArea() == 2
                && x.geometry().getNumGeometries() == 2);
    }

    @Test
    void holeTouchingTheShellAtACornerIsValid() {
        double[] r = {
            1, 1, 1,
            1, 0, 1,
            1, 1, 0};
        List<Polygonizer.Shape> four = shapes(r, 3, 3, false);
        assertThat(four).hasSize(3);
        Polygon ones = (Polygon) four.get(0).geometry();
        assertThat(ones.isValid()).isTrue();
        assertThat(ones.getNumInteriorRing()).isEqualTo(1);
        assertThat(ones.getArea()).isEqualTo(7);
        List<Polygonizer.Shape> eight = shapes(r, 3, 3, true);
        assertThat(eight).hasSize(2);
        assertThat(eight.get(1).geometry().getNumGeometries()).isEqualTo(2);
        assertThat(eight).allMatch(x -> x.geometry().isValid());
    }

    @Test
    void maskLeavesOutValues() {
        double[] r = {1, 2, 2, 1};
        boolean[] mask = {false, true, true, false};
        List<Polygonizer.Shape> s = Polygonizer.polygonize(r, mask, PixelGrid.fromBounds(0, 0, 2, 2, 2, 2), false, GF);
        assertThat(s).hasSize(2).allMatch(x -> x.value() == 2);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void polygonizeThenRasterizeGivesTheRasterBack(boolean eight) {
        Random random = new Random(3);
        int h = 23;
        int w = 17;
        double[] raster = new double[h * w];
        for (int i = 0; i < raster.length; i++) {
            raster[i] = random.nextInt(3);
        }
        PixelGrid grid = PixelGrid.fromBounds(500000, 5000000, 500000 + 10 * w, 5000000 + 10 * h, w, h);
        List<Polygonizer.Shape> s = Polygonizer.polygonize(raster, null, grid, eight, GF);
        assertThat(s).allMatch(x -> x.geometry().isValid());
        double[] back = Rasterizer.rasterize(grid, s.stream().map(Polygonizer.Shape::geometry).toList(),
                s.stream().mapToDouble(Polygonizer.Shape::value).toArray(), -1, false);
        assertThat(back).containsExactly(raster);
        assertThat(s.stream().mapToDouble(x -> x.geometry().getArea()).sum()).isCloseTo(100.0 * h * w,
                within(1e-6));
    }

    @Test
    void reprojectionAndBboxDimensions() {
        Reprojection toWgs = Reprojection.between(CRS.utm(33, true), CRS.WGS84);
        double[] p = toWgs.apply(500000, 0);
        assertThat(p[0]).isCloseTo(15, within(1e-9));
        assertThat(p[1]).isCloseTo(0, within(1e-9));
        BBox utm = new BBox(465181.05, 5079244.89, 466180.53, 5080254.63, CRS.utm(33, true));
        // 999.48 / 60 = 16.66 -> 17, 1009.74 / 15 = 67.3 -> 67
        assertThat(Reprojection.bboxToDimensions(utm, 60, 15)).containsExactly(17, 67);
        double[] ll = toWgs.apply(utm.minX(), utm.minY());
        double[] ur = toWgs.apply(utm.maxX(), utm.maxY());
        BBox wgs = new BBox(ll[0], ll[1], ur[0], ur[1], CRS.WGS84);
        assertThat(Reprojection.bboxToDimensions(wgs, 10, 10)).containsExactly(100, 101);
    }
}
