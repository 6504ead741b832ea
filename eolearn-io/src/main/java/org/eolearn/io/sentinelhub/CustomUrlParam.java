package org.eolearn.io.sentinelhub;

import java.util.Locale;

/**
 * The OGC custom URL parameters of sentinelhub-py 2.4.6, by their URL names.
 *
 * @since 0.1
 */
public enum CustomUrlParam {
    /** {@code ShowLogo}. */
    SHOWLOGO("ShowLogo"),
    /** {@code AtmFilter} ({@code NONE}, {@code DOS1}, {@code ATMCOR}). */
    ATMFILTER("AtmFilter"),
    /** {@code EvalScript}: the JavaScript text, sent base64-encoded. */
    EVALSCRIPT("EvalScript"),
    /** {@code EvalScriptUrl}. */
    EVALSCRIPTURL("EvalScriptUrl"),
    /** {@code Preview}. */
    PREVIEW("Preview"),
    /** {@code Quality}. */
    QUALITY("Quality"),
    /** {@code Upsampling}. */
    UPSAMPLING("Upsampling"),
    /** {@code Downsampling}. */
    DOWNSAMPLING("Downsampling"),
    /** {@code Transparent}: adds an alpha band. */
    TRANSPARENT("Transparent"),
    /** {@code BgColor}. */
    BGCOLOR("BgColor"),
    /** {@code Geometry} (WKT; x and y swapped for WGS84). */
    GEOMETRY("Geometry");

    private final String value;

    CustomUrlParam(String value) {
        this.value = value;
    }

    /**
     * Returns the URL parameter name.
     *
     * @return e.g. {@code ShowLogo}
     */
    public String value() {
        return value;
    }

    /**
     * Parses a URL name or constant name, case-insensitively.
     *
     * @param text e.g. {@code "EvalScript"} or {@code "EVALSCRIPT"}
     * @return the parameter
     */
    public static CustomUrlParam parse(String text) {
        String t = text.trim();
        if (t.startsWith("CustomUrlParam.")) {
            t = t.substring("CustomUrlParam.".length());
        }
        for (CustomUrlParam p : values()) {
            if (p.value.equalsIgnoreCase(t) || p.name().equalsIgnoreCase(t)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown custom URL parameter '" + text + "'; known: "
                + java.util.Arrays.toString(values()).toLowerCase(Locale.ROOT));
    }
}
