package org.eolearn.io.sentinelhub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.imageio.ImageIO;
import org.eolearn.core.DType;
import org.junit.jupiter.api.Test;

/** Process API answers as multipart/mixed bodies, and PNG responses. */
class MultipartAndPngTest {

    private static byte[] png() throws Exception {
        BufferedImage img = new BufferedImage(3, 2, BufferedImage.TYPE_3BYTE_BGR);
        img.setRGB(0, 0, 0x102030);
        img.setRGB(2, 1, 0xFF8001);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    private static byte[] multipart(String boundary, Map<String, byte[]> parts, boolean close) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> p : parts.entrySet()) {
            out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + p.getKey()
                    + "\"\r\nContent-Type: " + (p.getKey().equals("userdata") ? "application/json" : "image/tiff")
                    + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes(p.getValue());
            out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        if (close) {
            out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        return out.toByteArray();
    }

    @Test
    void multipartAnswersDecodeLikeTars() {
        byte[] tiff = TestFiles.tiff(2, 2, 1, DType.FLOAT32, new double[] {1, 2, 3, 4}, false, 2, false);
        Map<String, byte[]> parts = new java.util.LinkedHashMap<>();
        parts.put("default", tiff);
        parts.put("userdata", "{\"norm_factor\": 0.0001}".getBytes(StandardCharsets.UTF_8));
        byte[] body = multipart("XyZ123", parts, true);
        assertThat(Responses.isMultipart(body)).isTrue();
        assertThat(Responses.isMultipart(tiff)).isFalse();
        Map<String, byte[]> split = Responses.multipart(body, "test answer");
        assertThat(split).containsOnlyKeys("default.tif", "userdata.json");
        assertThat(split.get("default.tif")).isEqualTo(tiff);
        TiffImage image = (TiffImage) Responses.decodeMember("default.tif", split.get("default.tif"), "test");
        assertThat(image.band(0)).containsExactly(1, 2, 3, 4);
        assertThatThrownBy(() -> Responses.multipart(multipart("XyZ123", parts, false), "test answer"))
                .hasMessageContaining("test answer").hasMessageContaining("truncated");
    }

    @Test
    void pngResponsesDecodeToUint8Bands() throws Exception {
        TiffImage image = (TiffImage) Responses.decodeMember("default.png", png(), "test");
        assertThat(image.width()).isEqualTo(3);
        assertThat(image.height()).isEqualTo(2);
        assertThat(image.bands()).isEqualTo(3);
        assertThat(image.type()).isEqualTo(DType.UINT8);
        assertThat(new double[] {image.get(0, 0, 0), image.get(0, 0, 1), image.get(0, 0, 2)})
                .containsExactly(0x10, 0x20, 0x30);
        assertThat(image.get(1, 2, 0)).isEqualTo(0xFF);
        assertThatThrownBy(() -> Responses.decodeMember("x.png", new byte[] {1, 2, 3}, "test answer"))
                .hasMessageContaining("test answer");
    }
}
