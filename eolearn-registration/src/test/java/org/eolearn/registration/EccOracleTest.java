package org.eolearn.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.core.TermCriteria;
import org.opencv.imgproc.Imgproc;
import org.opencv.video.Video;

/** The warps and ECC against OpenCV itself (openpnp's Java build, a test-only oracle). */
class EccOracleTest {

    @BeforeAll
    static void loadOpenCv() {
        nu.pattern.OpenCV.loadLocally();
    }

    private static Mat mat(float[] values, int h, int w) {
        Mat m = new Mat(h, w, CvType.CV_32F);
        m.put(0, 0, values);
        return m;
    }

    @Test
    void affineAndPerspectiveWarpsEqualOpenCvs() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (int round = 0; round < 40; round++) {
            int h = 8 + rnd.nextInt(40);
            int w = 8 + rnd.nextInt(40);
            float[] img = ECCRegistrationTaskTest.texture(h, w, rnd.nextLong());
            boolean perspective = round % 4 == 3;
            double[][] m = perspective ? new double[3][3] : new double[2][3];
            m[0][0] = (float) (1 + rnd.nextDouble(-0.1, 0.1));
            m[0][1] = (float) rnd.nextDouble(-0.1, 0.1);
            m[0][2] = (float) rnd.nextDouble(-3, 3);
            m[1][0] = (float) rnd.nextDouble(-0.1, 0.1);
            m[1][1] = (float) (1 + rnd.nextDouble(-0.1, 0.1));
            m[1][2] = (float) rnd.nextDouble(-3, 3);
            if (perspective) {
                m[2][0] = (float) rnd.nextDouble(-1e-3, 1e-3);
                m[2][1] = (float) rnd.nextDouble(-1e-3, 1e-3);
                m[2][2] = 1;
            }
            boolean linear = rnd.nextBoolean();
            boolean replicate = rnd.nextBoolean();
            Mat warp = new Mat(m.length, 3, CvType.CV_64F);
            for (int i = 0; i < m.length; i++) {
                warp.put(i, 0, m[i]);
            }
            Mat out = new Mat();
            int flags = (linear ? Imgproc.INTER_LINEAR : Imgproc.INTER_NEAREST) | Imgproc.WARP_INVERSE_MAP;
            int border = replicate ? Core.BORDER_REPLICATE : Core.BORDER_CONSTANT;
            if (perspective) {
                Imgproc.warpPerspective(mat(img, h, w), out, warp, new Size(w, h), flags, border);
            } else {
                Imgproc.warpAffine(mat(img, h, w), out, warp, new Size(w, h), flags, border);
            }
            float[] expected = new float[h * w];
            out.get(0, 0, expected);
            float[] actual = new float[h * w];
            Ecc.warpFrame(img, h, w, m, linear, replicate, 0, actual);
            for (int i = 0; i < expected.length; i++) {
                assertThat(actual[i]).as("round %d (%s, %s, %s) pixel %d", round, perspective ? "perspective"
                        : "affine", linear ? "linear" : "nearest", replicate ? "replicate" : "constant", i)
                        .isCloseTo(expected[i], within(2e-6f));
            }
        }
    }

    @Test
    void translationEccEqualsOpenCvs() {
        SplittableRandom rnd = new SplittableRandom(9);
        for (int round = 0; round < 6; round++) {
            int h = 60;
            int w = 64;
            float[] template = ECCRegistrationTaskTest.texture(h, w, rnd.nextLong());
            double dx = rnd.nextDouble(-2.5, 2.5);
            double dy = rnd.nextDouble(-2.5, 2.5);
            float[] input = new float[h * w];
            Ecc.warpFrame(template, h, w, new double[][] {{1, 0, -dx}, {0, 1, -dy}}, true, true, 0, input);
            Mat warp = Mat.eye(2, 3, CvType.CV_32F);
            Video.findTransformECC(mat(template, h, w), mat(input, h, w), warp, Video.MOTION_TRANSLATION,
                    new TermCriteria(TermCriteria.COUNT, 100, 0), new Mat(), 1);
            double[][] ours = Ecc.findTransform(template, input, h, w, Ecc.Motion.TRANSLATION,
                    Ecc.identity(Ecc.Motion.TRANSLATION), 100, -1, null, 1);
            assertThat(ours[0][2]).as("round %d tx", round).isCloseTo(warp.get(0, 2)[0], within(1e-3));
            assertThat(ours[1][2]).as("round %d ty", round).isCloseTo(warp.get(1, 2)[0], within(1e-3));
        }
    }
}
