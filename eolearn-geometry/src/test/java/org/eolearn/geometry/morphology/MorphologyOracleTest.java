package org.eolearn.geometry.morphology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

/** Morphology against OpenCV (openpnp's Java build, a test-only oracle) on random images and elements. */
class MorphologyOracleTest {

    @BeforeAll
    static void loadOpenCv() {
        nu.pattern.OpenCV.loadLocally();
    }

    private static int cvOp(MorphologicalOperation op) {
        switch (op) {
            case EROSION:
                return Imgproc.MORPH_ERODE;
            case DILATION:
                return Imgproc.MORPH_DILATE;
            case OPENING:
                return Imgproc.MORPH_OPEN;
            default:
                return Imgproc.MORPH_CLOSE;
        }
    }

    @Test
    void everyOperationEqualsOpenCvOnRandomImagesAndElements() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int round = 0; round < 80; round++) {
            int h = 1 + rnd.nextInt(40);
            int w = 1 + rnd.nextInt(40);
            byte[] img = new byte[h * w];
            double[] src = new double[h * w];
            for (int i = 0; i < img.length; i++) {
                int v = rnd.nextInt(4) == 0 ? rnd.nextInt(256) : (rnd.nextBoolean() ? 0 : 200);
                img[i] = (byte) v;
                src[i] = v;
            }
            StructuringElement se;
            int kind = rnd.nextInt(4);
            int kw = 1 + rnd.nextInt(7);
            int kh = 1 + rnd.nextInt(7);
            if (kind == 0) {
                se = StructuringElement.ellipse(kw, kh);
            } else if (kind == 1) {
                se = StructuringElement.rectangle(kw, kh);
            } else if (kind == 2) {
                se = StructuringElement.cross(kw, kh);
            } else {
                int[][] cells = new int[kh][kw];
                for (int[] row : cells) {
                    for (int j = 0; j < kw; j++) {
                        row[j] = rnd.nextInt(3) == 0 ? 1 : 0;
                    }
                }
                cells[kh / 2][kw / 2] = 1;
                se = StructuringElement.of(cells);
            }
            Mat kernel = new Mat(se.rows(), se.cols(), CvType.CV_8U);
            byte[] k = new byte[se.rows() * se.cols()];
            for (int i = 0; i < se.rows(); i++) {
                for (int j = 0; j < se.cols(); j++) {
                    k[i * se.cols() + j] = (byte) (se.get(i, j) ? 1 : 0);
                }
            }
            kernel.put(0, 0, k);
            Mat in = new Mat(h, w, CvType.CV_8U);
            in.put(0, 0, img);
            for (MorphologicalOperation op : MorphologicalOperation.values()) {
                Mat out = new Mat();
                Imgproc.morphologyEx(in, out, cvOp(op), kernel);
                byte[] expected = new byte[h * w];
                out.get(0, 0, expected);
                double[] actual = Morphology.apply(op, src, h, w, se);
                for (int i = 0; i < expected.length; i++) {
                    assertThat(actual[i]).as("%s %dx%d element %dx%d (kind %d) pixel %d", op, h, w, se.rows(),
                            se.cols(), kind, i).isEqualTo(expected[i] & 0xFF);
                }
            }
        }
    }
}
