package org.eolearn.cloudless.lightgbm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Mutates a real model text 10,000 times (bytes flipped, lines cut, duplicated or swapped, numbers replaced,
 * truncation) and feeds each to the reader: it must either read a model that predicts without error or throw
 * {@link ModelFormatException}, never another exception, and never hang.
 */
class ModelReaderFuzzTest {

    private static final String[] NASTY = {"", "-1", "0", "1e309", "-1e309", "nan", "inf", "999999999", "2147483648",
        "-2147483649", "x", "=", " ", "1 2 3", "0.5.5", "--1", "1e", "e5", "+", "\t", "\u0000"};

    @Test
    void onlyTheDocumentedExceptionNeverAHang() throws Exception {
        double[] x = NativeLightGbm.rows(1000, 6, 21, 0, 8);
        String model = NativeLightGbm.train(x, 6, NativeLightGbm.labelsRegression(x, 6),
                "objective=regression categorical_feature=0 num_leaves=7", 4);
        assertTimeoutPreemptively(Duration.ofMinutes(3), () -> {
            Random r = new Random(42);
            int parsed = 0;
            int refused = 0;
            for (int i = 0; i < 10_000; i++) {
                String mutated = mutate(model, r);
                try {
                    LightGbmModel m = LightGbmModel.parse(mutated);
                    double[] row = new double[m.numFeatures()];
                    for (int j = 0; j < row.length; j++) {
                        row[j] = r.nextInt(5) == 0 ? Double.NaN : r.nextGaussian() * 3;
                    }
                    double[] out = new double[m.numOutputs()];
                    m.predict(row, out);
                    parsed++;
                } catch (ModelFormatException e) {
                    assertThat(e.getMessage()).isNotBlank();
                    refused++;
                }
            }
            assertThat(parsed + refused).isEqualTo(10_000);
            assertThat(refused).isGreaterThan(1000);
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
