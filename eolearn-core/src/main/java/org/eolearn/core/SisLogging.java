package org.eolearn.core;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Quiets Apache SIS' note that its optional EPSG database is absent ({@code WARNING: The "SIS_DATA" environment
 * variable is not set.}), which every program that touches a CRS would otherwise print through java.util.logging:
 * the library does not need that database for the CRSs it builds (WGS84, UTM, and what SIS knows without it).
 * Only SIS' system and SQL loggers are quieted, and only to SEVERE; the system property {@code eolearn.sis.warnings=true} keeps it.
 * The library calls {@link #ensure()} before it uses SIS; programs need not.
 *
 * @since 0.1
 */
public final class SisLogging {

    /** Held here: java.util.logging keeps loggers, and so their levels, only weakly. */
    private static final Logger[] QUIETED = {Logger.getLogger("org.apache.sis.system"),
        Logger.getLogger("org.apache.sis.sql")};

    static {
        if (!Boolean.getBoolean("eolearn.sis.warnings")) {
            for (Logger l : QUIETED) {
                l.setLevel(Level.SEVERE);
            }
        }
    }

    private SisLogging() {
    }

    /** Applies the set-up (once, on first use). */
    public static void ensure() {
        // the static initialiser does the work
    }
}
