package org.eolearn.geometry.morphology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The morphology kernels and structuring elements on small hand-checked images. */
class MorphologyTest {

    @Test
    void ellipsesFollowOpenCv() {
        assertThat(StructuringElement.disk(3).toArray()).isEqualTo(new int[][] {{0, 1, 0}, {1, 1, 1}, {0, 1, 0}});
        assertThat(StructuringElement.disk(5).toArray()).isEqualTo(new int[][] {
            {0, 0, 1, 0, 0}, {1, 1, 1, 1, 1}, {1, 1, 1, 1, 1}, {1, 1, 1, 1, 1}, {0, 0, 1, 0, 0}});
        assertThat(StructuringElement.disk(1).toArray()).isEqualTo(new int[][] {{1}});
        // r = 3, c = 3: dx = round(3 * sqrt(1 - dy^2 / 9)) = 0, 2, 3, 3, 3, 2, 0 (half to even: 2.236 -> 2)
        assertThat(StructuringElement.disk(7).toArray()[0]).containsExactly(0, 0, 0, 1, 0, 0, 0);
        assertThat(StructuringElement.disk(7).toArray()[1]).containsExactly(0, 1, 1, 1, 1, 1, 0);
        assertThat(StructuringElement.disk(7).toArray()[3]).containsExactly(1, 1, 1, 1, 1, 1, 1);
    }

    @Test
    void rectangleHasWidthRowsAsInEoLearn() {
        StructuringElement r = StructuringElement.rectangle(2, 5);
        assertThat(r.rows()).isEqualTo(2);
        assertThat(r.cols()).isEqualTo(5);
        assertThat(StructuringElement.square(2).toArray()).isEqualTo(new int[][] {{1, 1}, {1, 1}});
        assertThat(StructuringElement.cross(3, 3)).isEqualTo(StructuringElement.disk(3));
    }

    @Test
    void skimageShapes() {
        int[][] cross = {{0, 1, 0}, {1, 1, 1}, {0, 1, 0}};
        assertThat(StructuringElement.diamond(1).toArray()).isEqualTo(cross);
        assertThat(StructuringElement.skimageDisk(1).toArray()).isEqualTo(cross);
        assertThat(StructuringElement.octagon(1, 1).toArray()).isEqualTo(cross);
        // radius 3, row dy = -2: the disk keeps dx^2 <= 5, the diamond |dx| <= 1
        assertThat(StructuringElement.skimageDisk(3).toArray()[1]).containsExactly(0, 1, 1, 1, 1, 1, 0);
        assertThat(StructuringElement.diamond(3).toArray()[1]).containsExactly(0, 0, 1, 1, 1, 0, 0);
        assertThat(StructuringElement.octagon(2, 1).toArray()).isEqualTo(new int[][] {
            {0, 1, 1, 0}, {1, 1, 1, 1}, {1, 1, 1, 1}, {0, 1, 1, 0}});
        assertThat(StructuringElement.skimageDisk(0).toArray()).isEqualTo(new int[][] {{1}});
        assertThatThrownBy(() -> StructuringElement.diamond(-1)).hasMessageContaining("radius");
        assertThatThrownBy(() -> StructuringElement.octagon(0, 1)).hasMessageContaining("octagon");
    }

    @Test
    void badElementsAreRejected() {
        assertThatThrownBy(() -> StructuringElement.disk(-1)).hasMessageContaining("radius");
        assertThatThrownBy(() -> StructuringElement.disk(0)).hasMessageContaining("radius");
        assertThatThrownBy(() -> StructuringElement.of(new int[][] {{0, 0}})).hasMessageContaining("non-zero");
        assertThatThrownBy(() -> StructuringElement.of(new int[][] {{1, 0}, {1}})).hasMessageContaining("equal");
        assertThatThrownBy(() -> MorphologicalOperation.fromValue("tophat")).hasMessageContaining("morph_operation");
    }

    @Test
    void erosionIgnoresPixelsOutsideTheImage() {
        double[] img = {
            1, 1, 1, 1,
            1, 1, 1, 1,
            1, 1, 0, 1};
        double[] e = Morphology.erode(img, 3, 4, StructuringElement.square(3));
        // the border stays 1 where no 0 is in reach; only the neighbours of the 0 drop
        assertThat(e).containsExactly(
            1, 1, 1, 1,
            1, 0, 0, 0,
            1, 0, 0, 0);
    }

    @Test
    void dilationUsesTheKernelUnmirroredAroundItsAnchor() {
        double[] img = new double[5 * 5];
        img[2 * 5 + 2] = 7;
        // a 1x2 element: anchor at column 1, cells at offsets dx = -1 and 0
        double[] d = Morphology.dilate(img, 5, 5, StructuringElement.of(new int[][] {{1, 1}}));
        // dst(x) = max(src(x - 1), src(x)): the 7 spreads to x = 2 and x = 3
        assertThat(d[2 * 5 + 2]).isEqualTo(7);
        assertThat(d[2 * 5 + 3]).isEqualTo(7);
        assertThat(d[2 * 5 + 1]).isZero();
    }

    @Test
    void openingRemovesSpecksAndClosingFillsGaps() {
        double[] img = {
            0, 0, 0, 0, 0,
            0, 1, 1, 1, 0,
            0, 1, 1, 1, 1,
            0, 1, 1, 1, 0,
            0, 0, 0, 0, 0};
        double[] open = Morphology.apply(MorphologicalOperation.OPENING, img, 5, 5, StructuringElement.square(3));
        // the 3x3 block survives, the spur at (2, 4) goes
        assertThat(open[2 * 5 + 4]).isZero();
        assertThat(open[1 * 5 + 1]).isEqualTo(1);
        assertThat(open[3 * 5 + 3]).isEqualTo(1);
        double[] holed = img.clone();
        holed[2 * 5 + 2] = 0;
        double[] closed = Morphology.apply(MorphologicalOperation.CLOSING, holed, 5, 5, StructuringElement.disk(3));
        assertThat(closed[2 * 5 + 2]).isEqualTo(1);
    }

    @Test
    void greyErosionIsTheLocalMinimum() {
        double[] img = {5, 3, 8, 2, 9, 4};
        double[] e = Morphology.erode(img, 2, 3, StructuringElement.disk(3));
        // cross: (0,0) sees 5, 3, 2 -> 2; (0,1) sees 3, 5, 8, 9 -> 3; (0,2) sees 8, 3, 4 -> 3; (1,2) sees 4, 9, 8 -> 4
        assertThat(e).containsExactly(2, 3, 3, 2, 2, 4);
    }

    @Test
    void labelErosionKeepsOtherLabelsAndNoData() {
        double[] lab = {
            1, 1, 1, 2, 2,
            1, 1, 1, 2, 2,
            1, 1, 1, 0, 2};
        double[] all = Morphology.erodeLabels(lab, 3, 5, StructuringElement.disk(3), null, 0);
        assertThat(all).containsExactly(
            1, 1, 0, 0, 2,
            1, 1, 0, 0, 2,
            1, 1, 0, 0, 0);
        double[] only2 = Morphology.erodeLabels(lab, 3, 5, StructuringElement.disk(3), new double[] {2, 0}, 0);
        assertThat(only2).containsExactly(
            1, 1, 1, 0, 2,
            1, 1, 1, 0, 2,
            1, 1, 1, 0, 0);
    }
}
