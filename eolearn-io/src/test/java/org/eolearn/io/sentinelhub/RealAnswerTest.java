package org.eolearn.io.sentinelhub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.Map;
import org.eolearn.core.BBox;
import org.eolearn.core.CRS;
import org.eolearn.core.DType;
import org.eolearn.core.testing.SharedData;
import org.junit.jupiter.api.Test;

/** sentinelhub-py's own Process API tar answer (tests/TestInputs/img.tar, in the shared fixtures). */
class RealAnswerTest {

    @Test
    void decodesSentinelhubPysTarAnswer() throws Exception {
        byte[] tar = Files.readAllBytes(SharedData.resolve("data/fixtures/sentinelhub-py-tests/img.tar"));
        ProcessRequest request = ProcessRequest.builder("x").bbox(new BBox(0, 0, 1, 1, CRS.WGS84))
                .input(InputData.of(DataCollection.SENTINEL2_L1C)).response("default", MimeType.TIFF)
                .response("userdata", MimeType.JSON).size(512, 856).build();
        Map<String, Object> decoded = Responses.decode(tar, request);
        assertThat(decoded.keySet()).containsExactly("default.tif", "userdata.json");
        TiffImage img = (TiffImage) decoded.get("default.tif");
        // sentinelhub-py's test_decode.py: shape (856, 512, 3); norm_factor 0.0001
        assertThat(new int[] {img.height(), img.width(), img.bands()}).containsExactly(856, 512, 3);
        assertThat(img.type()).isEqualTo(DType.UINT16);
        assertThat(((JsonNode) decoded.get("userdata.json")).get("norm_factor").asDouble()).isEqualTo(0.0001);
        // values read independently with Python's zlib and struct from the big-endian Deflate strips
        assertThat(new double[] {img.get(0, 0, 0), img.get(0, 0, 1), img.get(0, 0, 2)}).containsExactly(913, 616, 341);
        assertThat(new double[] {img.get(100, 200, 0), img.get(100, 200, 1), img.get(100, 200, 2)})
                .containsExactly(1117, 1024, 602);
        assertThat(new double[] {img.get(855, 511, 0), img.get(855, 511, 1), img.get(855, 511, 2)})
                .containsExactly(1108, 1116, 1352);
        long sum = 0;
        for (int b = 0; b < 3; b++) {
            for (double v : img.band(b)) {
                sum += (long) v;
            }
        }
        assertThat(sum).isEqualTo(1546647329L);
    }
}
