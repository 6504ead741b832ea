package org.eolearn.examples.water;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A minimal baseline TIFF encoder (little-endian, one uncompressed strip, interleaved samples) for the demo Sentinel
 * Hub's answers: float32, uint16 or uint8 images of any number of bands, as Sentinel Hub's Process API sends them.
 *
 * @since 0.1
 */
final class TiffWriter {

    private TiffWriter() {
    }

    /**
     * Encodes an image.
     *
     * @param width   columns
     * @param height  rows
     * @param bands   samples per pixel
     * @param type    "FLOAT32", "UINT16" or "UINT8"
     * @param values  h * w * bands values, row-major, interleaved
     * @return the TIFF file's bytes
     */
    static byte[] encode(int width, int height, int bands, String type, double[] values) {
        boolean float32 = type.equals("FLOAT32");
        int bytesPerSample = float32 ? 4 : type.equals("UINT16") ? 2 : 1;
        if (!float32 && !type.equals("UINT16") && !type.equals("UINT8")) {
            throw new IllegalArgumentException("the demo service writes FLOAT32, UINT16 or UINT8 samples, not " + type);
        }
        int dataSize = width * height * bands * bytesPerSample;
        int entries = 11;
        int ifdOffset = 8;
        int ifdSize = 2 + entries * 12 + 4;
        int extra = ifdOffset + ifdSize;
        int bitsOffset = extra;
        int formatOffset = bitsOffset + (bands > 2 ? bands * 2 : 0);
        int dataOffset = formatOffset + (bands > 2 ? bands * 2 : 0);
        ByteBuffer b = ByteBuffer.allocate(dataOffset + dataSize).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(ifdOffset);
        b.putShort((short) entries);
        entry(b, 256, 4, 1, width);
        entry(b, 257, 4, 1, height);
        shortsEntry(b, 258, bands, bytesPerSample * 8, bitsOffset);
        entry(b, 259, 3, 1, 1);                       // no compression
        entry(b, 262, 3, 1, 1);                       // min-is-black
        entry(b, 273, 4, 1, dataOffset);              // strip offset
        entry(b, 277, 3, 1, bands);                   // samples per pixel
        entry(b, 278, 4, 1, height);                  // rows per strip
        entry(b, 279, 4, 1, dataSize);                // strip byte count
        entry(b, 284, 3, 1, 1);                       // interleaved
        shortsEntry(b, 339, bands, float32 ? 3 : 1, formatOffset); // IEEE float or unsigned integer
        b.putInt(0);
        if (bands > 2) {
            for (int i = 0; i < bands; i++) {
                b.putShort((short) (bytesPerSample * 8));
            }
            for (int i = 0; i < bands; i++) {
                b.putShort((short) (float32 ? 3 : 1));
            }
        }
        for (double v : values) {
            if (float32) {
                b.putFloat((float) v);
            } else if (bytesPerSample == 2) {
                b.putShort((short) Math.max(0, Math.min(65535, Math.round(v))));
            } else {
                b.put((byte) Math.max(0, Math.min(255, Math.round(v))));
            }
        }
        return b.array();
    }

    private static void entry(ByteBuffer b, int tag, int type, int count, int value) {
        b.putShort((short) tag).putShort((short) type).putInt(count);
        if (type == 3) {
            b.putShort((short) value).putShort((short) 0);
        } else {
            b.putInt(value);
        }
    }

    /** A SHORT entry of one value per band: inline for up to 2 bands, else at {@code offset}. */
    private static void shortsEntry(ByteBuffer b, int tag, int count, int value, int offset) {
        b.putShort((short) tag).putShort((short) 3).putInt(count);
        if (count == 1) {
            b.putShort((short) value).putShort((short) 0);
        } else if (count == 2) {
            b.putShort((short) value).putShort((short) value);
        } else {
            b.putInt(offset);
        }
    }

    /**
     * A ustar archive of named files.
     *
     * @param names    file names
     * @param contents their bytes
     * @return the archive
     */
    static byte[] tar(java.util.List<String> names, java.util.List<byte[]> contents) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < names.size(); i++) {
            byte[] header = new byte[512];
            put(header, 0, names.get(i), 100);
            put(header, 100, "0000644", 8);
            put(header, 108, "0000000", 8);
            put(header, 116, "0000000", 8);
            put(header, 124, String.format("%011o", contents.get(i).length), 12);
            put(header, 136, String.format("%011o", 0), 12);
            java.util.Arrays.fill(header, 148, 156, (byte) ' ');
            header[156] = '0';
            put(header, 257, "ustar", 6);
            put(header, 263, "00", 2);
            int sum = 0;
            for (byte x : header) {
                sum += x & 0xFF;
            }
            put(header, 148, String.format("%06o", sum), 7);
            header[155] = ' ';
            out.writeBytes(header);
            out.writeBytes(contents.get(i));
            out.writeBytes(new byte[(512 - contents.get(i).length % 512) % 512]);
        }
        out.writeBytes(new byte[1024]);
        return out.toByteArray();
    }

    private static void put(byte[] header, int at, String s, int max) {
        byte[] bytes = s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, header, at, Math.min(max, bytes.length));
    }
}
