package org.eolearn.io.sentinelhub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eolearn.core.DType;
import org.junit.jupiter.api.Test;

class DecodingTest {

    private static double[] ramp(int n, double scale) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (i % 251) * scale;
        }
        return v;
    }

    @Test
    void tiffRoundTripsEveryTypeLayoutAndCompression() {
        for (DType type : new DType[] {DType.UINT8, DType.UINT16, DType.INT16, DType.FLOAT32, DType.FLOAT64}) {
            for (boolean deflate : new boolean[] {false, true}) {
                for (boolean big : new boolean[] {false, true}) {
                    for (int bands : new int[] {1, 3}) {
                        double[] v = ramp(7 * 5 * bands, type == DType.FLOAT32 ? 0.25 : 1);
                        byte[] tif = TestFiles.tiff(7, 5, bands, type, v, deflate, 2, big);
                        TiffImage img = TiffDecoder.decode(tif, "test");
                        assertThat(img.width()).isEqualTo(7);
                        assertThat(img.height()).isEqualTo(5);
                        assertThat(img.bands()).isEqualTo(bands);
                        assertThat(img.type()).isEqualTo(type);
                        for (int r = 0; r < 5; r++) {
                            for (int c = 0; c < 7; c++) {
                                for (int b = 0; b < bands; b++) {
                                    assertThat(img.get(r, c, b)).isEqualTo(v[(r * 7 + c) * bands + b]);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void tiledDeflateTiffWithPredictorIsDecoded() {
        int w = 37;
        int h = 21;
        double[] v = new double[w * h];
        for (int i = 0; i < v.length; i++) {
            v[i] = (i * 7919) % 65536;
        }
        TiffImage img = TiffDecoder.decode(TestFiles.tiledUint16(w, h, v), "tiled");
        assertThat(img.type()).isEqualTo(DType.UINT16);
        assertThat(img.band(0)).containsExactly(v);
        assertThat(img.toArray().shape()).containsExactly(21, 37, 1);
    }

    @Test
    void malformedTiffsNameTheSource() {
        assertThatThrownBy(() -> TiffDecoder.decode("hello world".getBytes(StandardCharsets.US_ASCII), "req #3"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("req #3")
                .hasMessageContaining("byte-order");
        byte[] tif = TestFiles.tiff(4, 4, 1, DType.UINT8, new double[16], false, 4, false);
        byte[] cut = Arrays.copyOf(tif, 20);
        assertThatThrownBy(() -> TiffDecoder.decode(cut, "B02.tif")).hasMessageContaining("B02.tif");
    }

    @Test
    void tarMembersAreReadInOrderAndMalformedArchivesRejected() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("B02.tif", new byte[700]);
        files.put("userdata.json", "{\"norm_factor\": 0.0001}".getBytes(StandardCharsets.UTF_8));
        byte[] tar = TestFiles.tar(files);
        Map<String, byte[]> read = TarReader.read(tar, "req");
        assertThat(read.keySet()).containsExactly("B02.tif", "userdata.json");
        assertThat(read.get("B02.tif")).hasSize(700);
        byte[] truncated = Arrays.copyOf(tar, 900);
        assertThatThrownBy(() -> TarReader.read(truncated, "request 2")).hasMessageContaining("request 2")
                .hasMessageContaining("truncated");
        byte[] bad = tar.clone();
        bad[0] = 'X';
        assertThatThrownBy(() -> TarReader.read(bad, "request 3")).hasMessageContaining("checksum");
    }
}
