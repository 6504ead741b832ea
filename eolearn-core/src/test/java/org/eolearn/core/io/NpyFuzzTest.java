package org.eolearn.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import java.util.zip.GZIPOutputStream;
import org.eolearn.core.DType;
import org.eolearn.core.NdArrays;
import org.eolearn.core.testing.Oracle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Fuzzes the NPY reader against numpy 1.24 (the oracle's Python): mutated headers and files, plain and gzip,
 * all loaded by one Python process. Java and numpy must agree on accepting a file and on its dtype, shape, Fortran
 * order and data; the documented deviations are: numpy accepts but Java reports {@link UnsupportedArrayException}
 * (dtypes other than bool/int/float, negative dimensions, over 2 GiB), data after the array (Java refuses, numpy
 * ignores it), and a corrupt gzip trailer or garbage after the gzip stream (numpy stops reading before it).
 *
 * <p>{@code -Deolearn.seed=N} reruns a seed; {@code -Deolearn.fuzz.npy=N} sets the number of cases (10,000).
 */
class NpyFuzzTest {

    private static final int CASES = Integer.getInteger("eolearn.fuzz.npy", 10_000);

    private static final String[] DESCRS = {
        "<f4", "<f4", "<f8", "<i2", "<u2", "<i4", "<u4", "<i8", "<u8", "|b1", "|u1", "|i1", "<f2", ">f4", ">i2",
        ">u8", "=f8", "|f4", "b1", "f4", "i8", "?", "b", "B", "h", "H", "i", "I", "l", "L", "q", "Q", "e", "f", "d",
        "float32", "int16", "bool", "uint8", "float64",
        // numpy-valid but unsupported here
        "<c8", "<c16", "|S3", "<U2", "|V4", "<M8[ns]", "<m8[s]", "|O", "<f16", "int", "float", "double", "int_",
        // invalid for numpy
        "!f4", "<F4", "<f3", " <f4", "<f4 ", "", "<", "f", "<i4\u00e9", "<bool", "xyz",
    };
    private static final String PALETTE = "'\"(),:{}[] \t\n\r\f\\#L0123456789-+_.xobjeTFNu\u0000\u000b\u00e9";

    @TempDir
    Path dir;

    /** One generated file and what Java made of it. */
    private static final class Case {
        String name;
        String headerText;
        String javaHeader;
        String javaLoad;
        String why = "";
    }

    @Test
    void npyFilesAgreeWithNumpy() throws Exception {
        long seed = Long.getLong("eolearn.seed", System.nanoTime());
        System.out.println("NpyFuzzTest seed " + seed + " (rerun with -Deolearn.seed=" + seed + ")");
        Random rnd = new Random(seed);
        List<Case> cases = new ArrayList<>();
        long t0 = System.nanoTime();
        StringBuilder manifest = new StringBuilder();
        for (int i = 0; i < CASES; i++) {
            Case c = new Case();
            boolean gz = rnd.nextBoolean();
            c.name = "c" + i + (gz ? ".npy.gz" : ".npy");
            byte[] content = generate(rnd, c);
            if (gz) {
                content = gzip(content);
                if (rnd.nextInt(10) == 0) {
                    content = corruptBytes(rnd, content);
                }
            }
            Files.write(dir.resolve(c.name), content);
            manifest.append(c.name).append('\n');
            cases.add(c);
        }
        Files.writeString(dir.resolve("manifest"), manifest);
        long tGen = System.nanoTime();

        // Java: invariants that need no oracle
        List<String> broken = new ArrayList<>();
        for (Case c : cases) {
            Path p = dir.resolve(c.name);
            if (!c.name.endsWith(".gz")) {
                c.javaHeader = javaHeader(p, broken, c);
            }
            long s = System.nanoTime();
            c.javaLoad = javaLoad(p, broken, c);
            long ms = (System.nanoTime() - s) / 1_000_000;
            if (ms > 2000) {
                broken.add(c.name + ": took " + ms + " ms");
            }
        }
        long tJava = System.nanoTime();
        if (!broken.isEmpty()) {
            fail("seed " + seed + " (-Deolearn.seed=" + seed + "): " + broken.size() + " Java errors of the wrong kind:\n"
                    + String.join("\n", broken.subList(0, Math.min(20, broken.size()))));
        }

        // numpy, one process for all files
        Map<String, String[]> numpy = runNumpy(dir);
        long tPy = System.nanoTime();

        Map<String, Integer> stats = new TreeMap<>();
        List<String> disagreements = new ArrayList<>();
        for (Case c : cases) {
            String[] np = numpy.get(c.name);
            if (np == null) {
                disagreements.add(c.name + ": no numpy result");
                continue;
            }
            if (c.javaHeader != null) {
                String verdict = compare(np[0], c.javaHeader, false);
                stats.merge("header " + verdict, 1, Integer::sum);
                if (verdict.startsWith("DISAGREE")) {
                    disagreements.add(describe(c, "header", np[0], c.javaHeader));
                }
            }
            String verdict = compare(np[1], c.javaLoad, true);
            stats.merge("load " + verdict, 1, Integer::sum);
            if (verdict.startsWith("DISAGREE")) {
                disagreements.add(describe(c, "load", np[1], c.javaLoad));
                String keep = System.getProperty("eolearn.fuzz.keep");
                if (keep != null) {
                    Files.createDirectories(Path.of(keep));
                    Files.copy(dir.resolve(c.name), Path.of(keep, c.name),
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        System.out.printf(Locale.ROOT, "NpyFuzzTest: %d files (%d gzip) generated in %d ms, Java %d ms, numpy %d ms%n",
                cases.size(), cases.stream().filter(c -> c.name.endsWith(".gz")).count(), (tGen - t0) / 1_000_000,
                (tJava - tGen) / 1_000_000, (tPy - tJava) / 1_000_000);
        stats.forEach((k, v) -> System.out.println("  " + k + ": " + v));
        if (!disagreements.isEmpty()) {
            fail("seed " + seed + " (-Deolearn.seed=" + seed + "): " + disagreements.size()
                    + " disagreements with numpy:\n" + String.join("\n",
                    disagreements.subList(0, Math.min(25, disagreements.size()))));
        }
        assertThat(stats.getOrDefault("load agree-ok", 0)).as("files both loaded").isGreaterThan(CASES / 20);
    }

    private static String describe(Case c, String level, String numpy, String java) {
        return c.name + " [" + level + "] numpy=" + numpy + " java=" + java + " " + c.why + "\n    header "
                + escape(c.headerText);
    }

    /** agree-ok, agree-err, allowed-KIND, or DISAGREE. */
    private static String compare(String numpy, String java, boolean load) {
        boolean npOk = numpy.startsWith("ok|");
        boolean jOk = java.startsWith("ok|");
        if (npOk && jOk) {
            return numpy.equals(java) ? "agree-ok" : "DISAGREE-values";
        }
        if (!npOk && !jOk) {
            return "agree-err";
        }
        if (npOk) {
            if (java.startsWith("unsupported")) {
                return "allowed-unsupported";
            }
            if (load && (java.startsWith("trailing") || java.startsWith("gzip"))) {
                return "allowed-" + java.substring(0, java.indexOf('|') < 0 ? java.length() : java.indexOf('|'));
            }
            return "DISAGREE-java-refuses";
        }
        return "DISAGREE-java-accepts";
    }

    private static String javaHeader(Path p, List<String> broken, Case c) {
        try (InputStream in = Files.newInputStream(p)) {
            Npy.Header h = Npy.readHeader(in, p);
            StringBuilder b = new StringBuilder("ok|").append(h.dtype().numpyName()).append('|')
                    .append(h.bigEndian() ? ">" : "<").append('|');
            for (int i = 0; i < h.shape().length; i++) {
                b.append(i == 0 ? "" : ",").append(h.shape()[i]);
            }
            return b.append('|').append(h.fortranOrder() ? "True" : "False").toString();
        } catch (UnsupportedArrayException e) {
            return checkMessage(e, p, broken, "unsupported");
        } catch (EOPatchFormatException e) {
            c.why = e.getMessage();
            return checkMessage(e, p, broken, "err");
        } catch (Throwable t) {
            broken.add(p.getFileName() + " header: " + t);
            return "broken";
        }
    }

    private static String javaLoad(Path p, List<String> broken, Case c) {
        try {
            INDArray a = EOPatchIO.readArray(p);
            DType t = DType.of(a);
            ByteBuffer bytes = NdArrays.toBytes(a).order(ByteOrder.LITTLE_ENDIAN);
            CRC32 crc = new CRC32();
            crc.update(bytes.duplicate());
            StringBuilder b = new StringBuilder("ok|").append(t.numpyName()).append('|');
            long[] shape = a.shape();
            for (int i = 0; i < shape.length; i++) {
                b.append(i == 0 ? "" : ",").append(shape[i]);
            }
            return b.append('|').append(crc.getValue()).toString();
        } catch (UnsupportedArrayException e) {
            return checkMessage(e, p, broken, "unsupported");
        } catch (EOPatchFormatException e) {
            String m = e.getMessage();
            c.why = c.why.isEmpty() ? m : c.why;
            if (m.contains("longer than its header says")) {
                return checkMessage(e, p, broken, "trailing");
            }
            if (m.contains("the array data is complete but the stream after it is damaged")) {
                return checkMessage(e, p, broken, "gzip");
            }
            return checkMessage(e, p, broken, "err");
        } catch (IOException e) {
            return checkMessage(e, p, broken, "err");
        } catch (Throwable t) {
            broken.add(p.getFileName() + " load: " + t);
            return "broken";
        }
    }

    private static String checkMessage(Exception e, Path p, List<String> broken, String kind) {
        if (e.getMessage() == null || !e.getMessage().contains(p.toString())) {
            broken.add(p.getFileName() + ": message does not name the file: " + e);
        }
        return kind + "|" + e.getMessage();
    }

    // ------------------------------------------------------------ numpy

    private static final String SCRIPT = String.join("\n",
            "import sys, os, gzip, zlib, warnings",
            "import numpy as np",
            "from numpy.lib import format as F",
            "warnings.simplefilter('ignore')",
            "d = sys.argv[1]",
            "out = open(os.path.join(d, 'numpy.txt'), 'w')",
            "def shp(s): return ','.join(str(int(x)) for x in s)",
            "for name in open(os.path.join(d, 'manifest')).read().split():",
            "    p = os.path.join(d, name)",
            "    h = '-'",
            "    if not name.endswith('.gz'):",
            "        try:",
            "            with open(p, 'rb') as f:",
            "                v = F.read_magic(f)",
            "                F._check_version(v)",
            "                s, fo, dt = F._read_array_header(f, v)",
            "            h = 'ok|%s|%s|%s|%s' % (dt.name, '>' if dt.byteorder == '>' else '<', shp(s), fo)",
            "        except Exception as e:",
            "            h = 'err|' + type(e).__name__",
            "    try:",
            "        if name.endswith('.gz'):",
            "            with gzip.open(p, 'rb') as f:",
            "                a = np.load(f)",
            "        else:",
            "            a = np.load(p)",
            "        b = np.ascontiguousarray(a).astype(a.dtype.newbyteorder('<'), copy=False).tobytes()",
            "        l = 'ok|%s|%s|%d' % (a.dtype.name, shp(a.shape), zlib.crc32(b))",
            "    except Exception as e:",
            "        l = 'err|' + type(e).__name__",
            "    out.write(name + '\\t' + h + '\\t' + l + '\\n')",
            "out.close()",
            "");

    static Map<String, String[]> runNumpy(Path dir) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("bash", "-c", "ulimit -v 6000000; exec \"$@\"", "bash"));
        cmd.addAll(Oracle.python());
        Path script = dir.resolve("load.py");
        Files.writeString(script, SCRIPT);
        cmd.add(script.toString());
        cmd.add(dir.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] log = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            fail("numpy script failed: " + new String(log, StandardCharsets.UTF_8));
        }
        Map<String, String[]> out = new TreeMap<>();
        for (String line : Files.readAllLines(dir.resolve("numpy.txt"))) {
            String[] f = line.split("\t");
            out.put(f[0], new String[] {f[1], f[2]});
        }
        return out;
    }

    // ------------------------------------------------------------ generation

    static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(content);
        }
        return out.toByteArray();
    }

    static byte[] corruptBytes(Random rnd, byte[] b) {
        switch (rnd.nextInt(4)) {
            case 0: return Arrays.copyOf(b, rnd.nextInt(b.length + 1));
            case 1: {
                byte[] c = b.clone();
                for (int k = 0; k < 1 + rnd.nextInt(3); k++) {
                    c[rnd.nextInt(c.length)] ^= (byte) (1 + rnd.nextInt(255));
                }
                return c;
            }
            case 2: {
                byte[] c = Arrays.copyOf(b, b.length + 1 + rnd.nextInt(20));
                if (rnd.nextBoolean()) {
                    c[b.length] = (byte) (1 + rnd.nextInt(255));
                }
                return c;
            }
            default: {
                byte[] c = Arrays.copyOf(b, b.length * 2);
                System.arraycopy(b, 0, c, b.length, b.length); // two gzip members
                return c;
            }
        }
    }

    private static String q(Random rnd, String s) {
        switch (rnd.nextInt(12)) {
            case 0: return "\"" + s + "\"";
            case 1: return "u'" + s + "'";
            case 2: return s.length() > 1 ? "'" + s.substring(0, 1) + "' '" + s.substring(1) + "'" : "'" + s + "'";
            case 3: return "r'" + s + "'";
            case 4: return s.startsWith("<") ? "'\\x3c" + s.substring(1) + "'" : "'" + s + "'";
            case 5: return "b'" + s + "'";
            case 6: return "'''" + s + "'''";
            default: return "'" + s + "'";
        }
    }

    private static String intText(Random rnd, long v) {
        switch (rnd.nextInt(20)) {
            case 0: return "0x" + Long.toHexString(v);
            case 1: return "0o" + Long.toOctalString(v);
            case 2: return "0b" + Long.toBinaryString(v);
            case 3: return v + "L";
            case 4: return v + " L";
            case 5: return v > 9 ? Long.toString(v).charAt(0) + "_" + Long.toString(v).substring(1) : "" + v;
            case 6: return v == 1 ? "True" : v == 0 ? "False" : "" + v;
            case 7: return "+" + v;
            case 8: return "(" + v + ")";
            case 9: return "0" + v;
            case 10: return v + ".0";
            case 11: return "-" + v;
            default: return Long.toString(v);
        }
    }

    private static byte[] generate(Random rnd, Case c) {
        String descr = DESCRS[rnd.nextInt(DESCRS.length)];
        DType type = null;
        for (DType t : DType.values()) {
            if (descr.endsWith(t.descr().substring(1)) || descr.equals(t.numpyName())) {
                type = t;
            }
        }
        int item = type == null ? 1 + rnd.nextInt(8) : type.itemSize();
        int dims = rnd.nextInt(5);
        long[] shape = new long[dims];
        long n = 1;
        for (int i = 0; i < dims; i++) {
            shape[i] = rnd.nextInt(10) == 0 ? 0 : 1 + rnd.nextInt(4);
            n *= shape[i];
        }
        boolean huge = rnd.nextInt(50) == 0;
        if (huge && dims > 0) {
            shape[0] = rnd.nextBoolean() ? 1_000_000_000_000L : 1L << (20 + rnd.nextInt(40));
        }
        boolean fortran = rnd.nextInt(4) == 0;
        boolean fancy = rnd.nextInt(3) == 0;
        // entries
        List<String> entries = new ArrayList<>();
        StringBuilder sh = new StringBuilder(fancy && rnd.nextInt(8) == 0 ? "[" : "(");
        for (int i = 0; i < dims; i++) {
            sh.append(i == 0 ? "" : fancy && rnd.nextBoolean() ? "," : ", ")
                    .append(fancy ? intText(rnd, shape[i]) : Long.toString(shape[i]));
        }
        if (dims == 1 || (fancy && dims > 0 && rnd.nextBoolean())) {
            sh.append(',');
        }
        sh.append(sh.charAt(0) == '[' ? "]" : ")");
        String descrText = fancy ? q(rnd, descr) : "'" + descr + "'";
        if (fancy && rnd.nextInt(15) == 0) {
            descrText = rnd.nextBoolean() ? "[('f0', '" + descr + "')]" : "('" + descr + "', (2,))";
        }
        String fo = fortran ? "True" : "False";
        if (fancy && rnd.nextInt(10) == 0) {
            fo = new String[] {"0", "1", "'True'", "None", "true", "(False)", "not True"}[rnd.nextInt(7)];
        }
        String kq = fancy && rnd.nextInt(4) == 0 ? "\"" : "'";
        entries.add(kq + "descr" + kq + ": " + descrText);
        entries.add(kq + "fortran_order" + kq + ": " + fo);
        entries.add(kq + "shape" + kq + ": " + sh);
        if (fancy) {
            if (rnd.nextInt(4) == 0) {
                java.util.Collections.shuffle(entries, rnd);
            }
            if (rnd.nextInt(5) == 0) { // a repeated key with another value
                String[] keys = {"descr", "fortran_order", "shape"};
                String k = keys[rnd.nextInt(3)];
                String v = k.equals("descr") ? "'" + DESCRS[rnd.nextInt(20)] + "'" : k.equals("shape")
                        ? "(" + (1 + rnd.nextInt(3)) + ", 2)" : rnd.nextBoolean() ? "True" : "False";
                entries.add(rnd.nextInt(entries.size() + 1), "'" + k + "': " + v);
            }
            if (rnd.nextInt(15) == 0) {
                entries.add("'extra': 1");
            }
            if (rnd.nextInt(15) == 0) {
                entries.remove(rnd.nextInt(entries.size()));
            }
        }
        String sep = fancy ? new String[] {", ", ",", ",\n ", " , ", ", # c\n"}[rnd.nextInt(5)] : ", ";
        StringBuilder text = new StringBuilder("{").append(String.join(sep, entries));
        text.append(fancy && rnd.nextBoolean() ? "" : ", ").append("}");
        if (fancy && rnd.nextInt(8) == 0) {
            text.insert(0, new String[] {" ", "\t", "\n", "\r\n", "\f", "  \f", "# x\n", "(", "\r"}[rnd.nextInt(9)]);
            if (text.charAt(0) == '(') {
                text.append(')');
            }
        }
        int major = rnd.nextInt(10) < 7 ? 1 : rnd.nextBoolean() ? 2 : 3;
        // mutations of the text
        int mutations = rnd.nextInt(3) == 0 ? 1 + rnd.nextInt(3) : 0;
        for (int m = 0; m < mutations && text.length() > 0; m++) {
            int at = rnd.nextInt(text.length());
            switch (rnd.nextInt(5)) {
                case 0: text.insert(at, PALETTE.charAt(rnd.nextInt(PALETTE.length()))); break;
                case 1: text.deleteCharAt(at); break;
                case 2: text.setCharAt(at, PALETTE.charAt(rnd.nextInt(PALETTE.length()))); break;
                case 3: {
                    int end = Math.min(text.length(), at + 1 + rnd.nextInt(12));
                    text.insert(at, text.substring(at, end));
                    break;
                }
                default: {
                    int b = rnd.nextInt(text.length());
                    char x = text.charAt(at);
                    text.setCharAt(at, text.charAt(b));
                    text.setCharAt(b, x);
                }
            }
        }
        // padding, as numpy writes it, or other endings
        int padKind = rnd.nextInt(10);
        String body = text.toString();
        Charset cs = major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
        int preamble = 8 + (major == 1 ? 2 : 4);
        String header;
        if (padKind < 7) {
            int len = body.getBytes(cs).length + 1;
            int pad = (64 - (preamble + len) % 64) % 64;
            header = body + " ".repeat(pad) + "\n";
        } else if (padKind == 7) {
            header = body;
        } else if (padKind == 8) {
            header = body + "\n" + " ".repeat(rnd.nextInt(4));
        } else {
            header = body + new String[] {"\n\n", " \n  \n", "\r\n", "\n# end\n", " \\\n", "\t\n"}[rnd.nextInt(6)];
        }
        if (rnd.nextInt(60) == 0 && major > 1) { // around numpy's limit of 10000 characters
            int target = 9995 + rnd.nextInt(10);
            int chars = header.codePointCount(0, header.length());
            header = header.substring(0, header.length() - 1) + " ".repeat(Math.max(0, target - chars)) + "\n";
        }
        if (rnd.nextInt(40) == 0) { // non-ASCII text in a string, and for version 3.0 its UTF-8 encoding
            int q = header.indexOf('\'');
            if (q >= 0) {
                header = header.substring(0, q + 1) + new String[] {"\u00e9", "\u20ac", "\ud83d\ude00", "\u00ff"}
                        [rnd.nextInt(4)] + header.substring(q + 1);
            }
        }
        c.headerText = header;
        byte[] hb = header.getBytes(cs);
        if (rnd.nextInt(60) == 0 && hb.length > 2) { // raw bytes: invalid UTF-8 for 3.0
            hb[rnd.nextInt(hb.length)] = (byte) new int[] {0xC3, 0xFF, 0x80, 0xED, 0xF4}[rnd.nextInt(5)];
        }
        long length = hb.length;
        if (rnd.nextInt(40) == 0) {
            length += rnd.nextInt(9) - 4;
        }
        byte[] magic = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0};
        if (rnd.nextInt(60) == 0) {
            magic[rnd.nextInt(8)] ^= (byte) (1 + rnd.nextInt(3));
        }
        if (major == 1 && length > 0xFFFF) {
            length = 0xFFFF;
        }
        long count = huge ? 0 : n;
        int dataLen = (int) Math.min(4096, count * item);
        int dataKind = rnd.nextInt(12);
        if (dataKind == 0) {
            dataLen = Math.max(0, dataLen - 1 - rnd.nextInt(8));
        } else if (dataKind == 1) {
            dataLen += 1 + rnd.nextInt(8);
        } else if (huge) {
            dataLen = rnd.nextInt(200);
        }
        byte[] data = new byte[dataLen];
        rnd.nextBytes(data);
        if (type == DType.BOOL || descr.contains("O") || descr.contains("U") || descr.contains("M")
                || descr.contains("m")) {
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) (data[i] & 1);
            }
        }
        if (type == DType.FLOAT16 || type == DType.FLOAT32 || type == DType.FLOAT64) {
            // NaN payloads may be canonicalised by a conversion; keep the data to ordinary numbers
            for (int i = 0; i + item <= data.length; i += item) {
                data[i] = (byte) (data[i] & 0x3F);
                data[i + item - 1] = (byte) (data[i + item - 1] & 0x3F);
            }
        }
        ByteBuffer out = ByteBuffer.allocate(preamble + hb.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(magic);
        if (major == 1) {
            out.putShort((short) length);
        } else {
            out.putInt((int) length);
        }
        out.put(hb).put(data);
        return out.array();
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (char ch : s.toCharArray()) {
            if (ch < 32 || ch > 126) {
                b.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
            } else {
                b.append(ch);
            }
        }
        return b.toString();
    }
}
