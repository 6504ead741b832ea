package org.eolearn.io.sentinelhub;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import org.eolearn.core.DType;

/** A tiny TIFF encoder (strips, one per image or per row group; none or Deflate) and a ustar writer for tests. */
final class TestFiles {

    private TestFiles() {
    }

    /** Encodes (h, w, bands) values (row-major, pixel-interleaved) as a TIFF of the given type. */
    static byte[] tiff(int w, int h, int bands, DType type, double[] values, boolean deflate, int rowsPerStrip,
            boolean bigEndian) {
        ByteOrder order = bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        int item = type.itemSize();
        int strips = (h + rowsPerStrip - 1) / rowsPerStrip;
        List<byte[]> stripBytes = new ArrayList<>();
        for (int s = 0; s < strips; s++) {
            int rows = Math.min(rowsPerStrip, h - s * rowsPerStrip);
            ByteBuffer bb = ByteBuffer.allocate(rows * w * bands * item).order(order);
            for (int i = 0; i < rows * w * bands; i++) {
                double v = values[s * rowsPerStrip * w * bands + i];
                switch (type) {
                    case UINT8 -> bb.put((byte) (int) v);
                    case UINT16 -> bb.putShort((short) (int) v);
                    case INT16 -> bb.putShort((short) v);
                    case FLOAT32 -> bb.putFloat((float) v);
                    case FLOAT64 -> bb.putDouble(v);
                    default -> throw new IllegalArgumentException(type.toString());
                }
            }
            byte[] raw = bb.array();
            if (deflate) {
                Deflater d = new Deflater();
                d.setInput(raw);
                d.finish();
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                byte[] buf = new byte[4096];
                while (!d.finished()) {
                    out.write(buf, 0, d.deflate(buf));
                }
                d.end();
                raw = out.toByteArray();
            }
            stripBytes.add(raw);
        }
        int format = type == DType.FLOAT32 || type == DType.FLOAT64 ? 3 : type == DType.INT16 ? 2 : 1;
        // layout: header (8), strip data, then arrays (bits, offsets, counts), then the IFD
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        int pos = 8;
        int[] offsets = new int[strips];
        for (int s = 0; s < strips; s++) {
            offsets[s] = pos;
            data.writeBytes(stripBytes.get(s));
            pos += stripBytes.get(s).length;
        }
        int bitsPos = pos;
        pos += 2 * bands;
        int offPos = pos;
        pos += 4 * strips;
        int cntPos = pos;
        pos += 4 * strips;
        int fmtPos = pos;
        pos += 2 * bands;
        if (pos % 2 == 1) {
            pos++;
        }
        int ifdPos = pos;
        int n = 10;
        ByteBuffer file = ByteBuffer.allocate(ifdPos + 2 + 12 * n + 4).order(order);
        file.put(bigEndian ? (byte) 'M' : (byte) 'I').put(bigEndian ? (byte) 'M' : (byte) 'I').putShort((short) 42)
                .putInt(ifdPos);
        file.put(data.toByteArray());
        file.position(bitsPos);
        for (int b = 0; b < bands; b++) {
            file.putShort((short) (item * 8));
        }
        for (int s = 0; s < strips; s++) {
            file.putInt(offPos + 4 * s, offsets[s]);
            file.putInt(cntPos + 4 * s, stripBytes.get(s).length);
        }
        file.position(fmtPos);
        for (int b = 0; b < bands; b++) {
            file.putShort((short) format);
        }
        file.position(ifdPos);
        file.putShort((short) n);
        entry(file, 256, 4, 1, w);
        entry(file, 257, 4, 1, h);
        if (bands == 1) {
            entryShort(file, 258, item * 8);
        } else if (bands == 2) {
            entryTwoShorts(file, 258, item * 8, item * 8);
        } else {
            entry(file, 258, 3, bands, bandsArrayOrInline(bands, bitsPos));
        }
        entryShort(file, 259, deflate ? 8 : 1);
        entry(file, 273, 4, strips, strips == 1 ? offsets[0] : offPos);
        entryShort(file, 277, bands);
        entry(file, 278, 4, 1, rowsPerStrip);
        entry(file, 279, 4, strips, strips == 1 ? stripBytes.get(0).length : cntPos);
        entryShort(file, 284, 1);
        if (bands == 1) {
            entryShort(file, 339, format);
        } else if (bands == 2) {
            entryTwoShorts(file, 339, format, format);
        } else {
            entry(file, 339, 3, bands, bandsArrayOrInline(bands, fmtPos));
        }
        file.putInt(0);
        return file.array();
    }

    private static int bandsArrayOrInline(int bands, int pos) {
        if (bands <= 2) {
            throw new IllegalArgumentException("test encoder: use 1 or >= 3 bands");
        }
        return pos;
    }

    private static void entryTwoShorts(ByteBuffer f, int tag, int a, int b) {
        f.putShort((short) tag).putShort((short) 3).putInt(2).putShort((short) a).putShort((short) b);
    }

    private static void entry(ByteBuffer f, int tag, int type, int count, int value) {
        f.putShort((short) tag).putShort((short) type).putInt(count).putInt(value);
    }

    private static void entryShort(ByteBuffer f, int tag, int value) {
        f.putShort((short) tag).putShort((short) 3).putInt(1);
        if (f.order() == ByteOrder.BIG_ENDIAN) {
            f.putShort((short) value).putShort((short) 0);
        } else {
            f.putShort((short) value).putShort((short) 0);
        }
    }

    /**
     * Encodes one uint16 band as a tiled, Deflate, predictor-2 TIFF (16 x 16 tiles, edge tiles padded), or with
     * {@code planar} two bands stored plane after plane in one strip each.
     */
    static byte[] tiledUint16(int w, int h, double[] values) {
        int tw = 16;
        int th = 16;
        int across = (w + tw - 1) / tw;
        int down = (h + th - 1) / th;
        List<byte[]> tiles = new ArrayList<>();
        for (int ty = 0; ty < down; ty++) {
            for (int tx = 0; tx < across; tx++) {
                ByteBuffer bb = ByteBuffer.allocate(tw * th * 2).order(ByteOrder.LITTLE_ENDIAN);
                for (int r = 0; r < th; r++) {
                    int prev = 0;
                    for (int c = 0; c < tw; c++) {
                        int y = ty * th + r;
                        int x = tx * tw + c;
                        int v = y < h && x < w ? (int) values[y * w + x] : 0;
                        bb.putShort((short) (v - prev)); // horizontal differencing
                        prev = v;
                    }
                }
                Deflater d = new Deflater();
                d.setInput(bb.array());
                d.finish();
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                byte[] buf = new byte[4096];
                while (!d.finished()) {
                    out.write(buf, 0, d.deflate(buf));
                }
                d.end();
                tiles.add(out.toByteArray());
            }
        }
        int n = tiles.size();
        int pos = 8;
        int[] offsets = new int[n];
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (int i = 0; i < n; i++) {
            offsets[i] = pos;
            data.writeBytes(tiles.get(i));
            pos += tiles.get(i).length;
        }
        int offPos = pos;
        int cntPos = offPos + 4 * n;
        int ifdPos = cntPos + 4 * n;
        int entries = 11;
        ByteBuffer f = ByteBuffer.allocate(ifdPos + 2 + 12 * entries + 4).order(ByteOrder.LITTLE_ENDIAN);
        f.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(ifdPos);
        f.put(data.toByteArray());
        for (int i = 0; i < n; i++) {
            f.putInt(offPos + 4 * i, offsets[i]);
            f.putInt(cntPos + 4 * i, tiles.get(i).length);
        }
        f.position(ifdPos);
        f.putShort((short) entries);
        entry(f, 256, 4, 1, w);
        entry(f, 257, 4, 1, h);
        entryShort(f, 258, 16);
        entryShort(f, 259, 32946);
        entryShort(f, 277, 1);
        entryShort(f, 284, 1);
        entryShort(f, 317, 2);
        entryShort(f, 322, tw);
        entryShort(f, 323, th);
        entry(f, 324, 4, n, n == 1 ? offsets[0] : offPos);
        entry(f, 325, 4, n, n == 1 ? tiles.get(0).length : cntPos);
        f.putInt(0);
        return f.array();
    }

    /** Writes a ustar archive of the files, in order. */
    static byte[] tar(Map<String, byte[]> files) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            byte[] h = new byte[512];
            put(h, 0, e.getKey());
            put(h, 100, "0000644");
            put(h, 108, "0000000");
            put(h, 116, "0000000");
            put(h, 124, String.format("%011o", e.getValue().length));
            put(h, 136, "00000000000");
            h[156] = '0';
            put(h, 257, "ustar");
            h[262] = 0;
            put(h, 263, "00");
            for (int i = 148; i < 156; i++) {
                h[i] = ' ';
            }
            long sum = 0;
            for (byte b : h) {
                sum += b & 0xff;
            }
            put(h, 148, String.format("%06o", sum));
            h[154] = 0;
            h[155] = ' ';
            out.writeBytes(h);
            out.writeBytes(e.getValue());
            int pad = (512 - e.getValue().length % 512) % 512;
            out.writeBytes(new byte[pad]);
        }
        out.writeBytes(new byte[1024]);
        return out.toByteArray();
    }

    private static void put(byte[] h, int pos, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, pos, b.length);
    }
}
