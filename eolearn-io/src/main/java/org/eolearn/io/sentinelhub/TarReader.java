package org.eolearn.io.sentinelhub;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the members of a (ustar or old-style) tar archive, as the Process API sends multi-response answers.
 *
 * @since 0.1
 */
public final class TarReader {

    private static final int BLOCK = 512;

    private TarReader() {
    }

    /**
     * Reads the regular files of an archive.
     *
     * @param tar  the archive
     * @param what a name for messages (e.g. the request)
     * @return member name to content, in archive order
     * @throws IllegalArgumentException naming {@code what} if the archive is malformed or truncated
     */
    public static Map<String, byte[]> read(byte[] tar, String what) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        int pos = 0;
        boolean ended = false;
        while (pos + BLOCK <= tar.length) {
            if (isZero(tar, pos)) {
                ended = true;
                break;
            }
            checkChecksum(tar, pos, what);
            String name = text(tar, pos, 100);
            String prefix = "ustar".equals(text(tar, pos + 257, 5)) ? text(tar, pos + 345, 155) : "";
            if (!prefix.isEmpty()) {
                name = prefix + "/" + name;
            }
            long size = octal(tar, pos + 124, 12, what);
            char flag = (char) tar[pos + 156];
            int dataStart = pos + BLOCK;
            if (size > Integer.MAX_VALUE || dataStart + size > tar.length) {
                throw new IllegalArgumentException(what + ": tar member '" + name + "' is truncated (" + size
                        + " bytes announced, " + (tar.length - dataStart) + " left)");
            }
            if (flag == '0' || flag == 0 || flag == '7') {
                out.put(name, Arrays.copyOfRange(tar, dataStart, dataStart + (int) size));
            }
            pos = dataStart + (int) ((size + BLOCK - 1) / BLOCK * BLOCK);
        }
        if (!ended && pos != tar.length) {
            throw new IllegalArgumentException(what + ": malformed tar archive (" + tar.length
                    + " bytes is not a whole number of 512-byte blocks)");
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(what + ": tar archive holds no files");
        }
        return out;
    }

    private static boolean isZero(byte[] b, int pos) {
        for (int i = pos; i < pos + BLOCK; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static void checkChecksum(byte[] b, int pos, String what) {
        long stored = octal(b, pos + 148, 8, what);
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += (i >= 148 && i < 156) ? ' ' : (b[pos + i] & 0xff);
        }
        if (sum != stored) {
            throw new IllegalArgumentException(what + ": malformed tar archive (header checksum " + stored
                    + " != " + sum + ")");
        }
    }

    private static String text(byte[] b, int pos, int len) {
        int end = pos;
        while (end < pos + len && b[end] != 0) {
            end++;
        }
        return new String(b, pos, end - pos, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] b, int pos, int len, String what) {
        String s = text(b, pos, len).trim();
        if (s.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(s, 8);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + ": malformed tar archive (bad number '" + s + "')", e);
        }
    }
}
