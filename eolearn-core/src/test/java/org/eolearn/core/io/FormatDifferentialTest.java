package org.eolearn.core.io;

import java.io.IOException;
import org.eolearn.core.EOPatch;
import org.eolearn.core.testing.differential.Differential;
import org.eolearn.core.testing.differential.Differential.Case;
import org.eolearn.core.testing.differential.RandomPatches;
import org.junit.jupiter.api.Test;

/**
 * The on-disk format both ways against eo-learn 1.5.6, on random patches of every feature type and dtype, with
 * vectors, meta info, every bbox CRS and 0, 1 and duplicate timestamps (see {@link Differential}): eo-learn loads
 * what the project saved (gzipped and not) and gets the same features; the project loads what eo-learn saved from
 * the same patch and gets the patch it started from. Skipped without the oracle unless
 * {@code -Deolearn.requireOracle=true}.
 */
class FormatDifferentialTest {

    private static EOPatch patch(RandomPatches rp) {
        return rp.patch(rp.frames(), rp.side(), rp.side());
    }

    @Test
    void eolearnLoadsWhatTheProjectSaved() throws IOException {
        Differential.run("format: eo-learn loads the project's patches", rp -> {
            EOPatch p = patch(rp);
            boolean compress = rp.random().nextBoolean();
            Case c = new Case("LoadTask").compareAll();
            c.setup(dir -> p.save(dir.resolve("java"), SaveOptions.defaults().withCompress(compress)));
            c.init().put("path", Differential.CASE_DIR + "/java");
            // eo-learn's loaded patch (saved again by eo-learn, uncompressed) must equal the patch made here
            c.checkFiles((eolearn, project) -> Differential.patchDifference("eo-learn's loaded patch vs the original",
                    p, EOPatch.load(eolearn.resolveSibling("eolearn-output"))));
            return c;
        }).check();
    }

    @Test
    void theProjectLoadsWhatEolearnSaved() throws IOException {
        Differential.run("format: the project loads eo-learn's patches", rp -> {
            EOPatch p = patch(rp);
            Case c = new Case("SaveTask").input(p).compareAll();
            c.init().put("path", Differential.CASE_DIR + "/" + Differential.SIDE + "/saved");
            c.checkFiles((eolearn, project) -> {
                String e = Differential.patchDifference("eo-learn's saved patch vs the original", p,
                        EOPatch.load(eolearn.resolve("saved")));
                if (e != null) {
                    return e;
                }
                var ef = Differential.files(eolearn.resolve("saved"));
                var jf = Differential.files(project.resolve("saved"));
                return ef.equals(jf) ? null : "files: project " + jf + ", eo-learn " + ef;
            });
            return c;
        }).check();
    }
}
