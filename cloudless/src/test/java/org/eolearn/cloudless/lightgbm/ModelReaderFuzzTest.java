package org.eolearn.cloudless.lightgbm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.eolearn.core.testing.FuzzSeed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutates a real model text 10,000 times (bytes flipped, lines cut, duplicated or swapped, numbers replaced,
 * truncation) and feeds each to the reader: it must either read a model that predicts without error or throw
 * {@link ModelFormatException} naming the line or key (and the file, for the tenth read from a file), never another
 * exception, never a case over 5 s. A fresh seed each run, printed; {@code -Deolearn.seed=N} reruns one.
 */
class ModelReaderFuzzTest {

    private static final int CASES = 10_000;

    private static final String[] NASTY = {"", "-1", "0", "1e309", "-1e309", "nan", "inf", "999999999", "2147483648",
        "-2147483649", "x", "=", " ", "1 2 3", "0.5.5", "--1", "1e", "e5", "+", "\t", "\u0000"};

    @TempDir
    Path dir;

    @Test
    void onlyTheDocumentedExceptionNeverAHang() throws Exception {
        long seed = FuzzSeed.seed("ModelReaderFuzzTest");
        double[] x = NativeLightGbm.rows(1000, 6, 21, 0, 8);
        String model = NativeLightGbm.train(x, 6, NativeLightGbm.labelsRegression(x, 6),
                "objective=regression categorical_feature=0 num_leaves=7", 4);
        Path file = dir.resolve("model.txt");
        assertTimeoutPreemptively(Duration.ofMinutes(3), () -> {
            Random r = new Random(seed);
            int parsed = 0;
            int refused = 0;
            long slowest = 0;
            long start = System.nanoTime();
            for (int i = 0; i < CASES; i++) {
                String mutated = mutate(model, r);
                boolean viaFile = i % 10 == 0;
                long t0 = System.nanoTime();
                try {
                    LightGbmModel m;
                    if (viaFile) {
                        Files.writeString(file, mutated);
                        m = LightGbmModel.read(file);
                    } else {
                        m = LightGbmModel.parse(mutated);
                    }
                    double[] row = new double[m.numFeatures()];
                    for (int j = 0; j < row.length; j++) {
                        row[j] = r.nextInt(5) == 0 ? Double.NaN : r.nextGaussian() * 3;
                    }
                    double[] out = new double[m.numOutputs()];
                    m.predict(row, out);
                    parsed++;
                } catch (ModelFormatException e) {
                    String where = FuzzSeed.where(seed, i) + ": " + e.getMessage();
                    assertThat(e.getMessage()).as(where).isNotBlank();
                    // the message locates the problem: the line or key, and the file when read from one
                    assertThat(e.line() > 0 || e.key() != null).as(where).isTrue();
                    if (viaFile) {
                        assertThat(e.getMessage()).as(where).contains(file.toString());
                    }
                    refused++;
                } catch (Throwable e) {
                    fail(FuzzSeed.where(seed, i) + ": " + e, e);
                }
                long took = System.nanoTime() - t0;
                assertThat(took).as(FuzzSeed.where(seed, i) + " took too long").isLessThan(5_000_000_000L);
                slowest = Math.max(slowest, took);
            }
            assertThat(parsed + refused).isEqualTo(CASES);
            assertThat(refused).isGreaterThan(1000);
            System.out.printf("ModelReaderFuzzTest: %d model texts (%d read, %d refused) in %.1f s, slowest %.1f ms%n",
                    CASES, parsed, refused, (System.nanoTime() - start) / 1e9, slowest / 1e6);
        });
    }

    private static String mutate(String text, Random r) {
        String[] lines = text.split("\n", -1);
        int rounds = 1 + r.nextInt(3);
        StringBuilder out = new StringBuilder(text);
        for (int k = 0; k < rounds; k++) {
            String s = out.toString();
            lines = s.split("\n", -1);
            int op = r.nextInt(7);
            int li = r.nextInt(lines.length);
            switch (op) {
                case 0: { // flip a character
                    if (s.isEmpty()) {
                        break;
                    }
                    int p = r.nextInt(s.length());
                    out.setCharAt(p, (char) (32 + r.nextInt(95)));
                    continue;
                }
                case 1: // drop a line
                    lines[li] = null;
                    break;
                case 2: // duplicate a line
                    lines[li] = lines[li] + "\n" + lines[li];
                    break;
                case 3: { // swap two lines
                    int lj = r.nextInt(lines.length);
                    String t = lines[li];
                    lines[li] = lines[lj];
                    lines[lj] = t;
                    break;
                }
                case 4: { // replace one number of a key=value line
                    int eq = lines[li].indexOf('=');
                    if (eq > 0) {
                        String[] tokens = lines[li].substring(eq + 1).split(" ");
                        tokens[r.nextInt(tokens.length)] = NASTY[r.nextInt(NASTY.length)];
                        lines[li] = lines[li].substring(0, eq + 1) + String.join(" ", tokens);
                    }
                    break;
                }
                case 5: // truncate
                    out.setLength(r.nextInt(Math.max(1, s.length())));
                    continue;
                default: { // shorten a value list
                    int eq = lines[li].indexOf('=');
                    int sp = lines[li].lastIndexOf(' ');
                    if (eq > 0 && sp > eq) {
                        lines[li] = lines[li].substring(0, sp);
                    }
                    break;
                }
            }
            StringBuilder b = new StringBuilder();
            for (String l : lines) {
                if (l != null) {
                    b.append(l).append('\n');
                }
            }
            out = b;
        }
        return out.toString();
    }
}
