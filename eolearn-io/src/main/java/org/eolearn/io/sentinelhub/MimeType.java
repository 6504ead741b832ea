package org.eolearn.io.sentinelhub;

import java.util.Locale;

/**
 * Response formats with their MIME strings (sentinelhub-py's {@code MimeType}, including the 2018 TIFF depths).
 *
 * @since 0.1
 */
public enum MimeType {
    /** GeoTIFF, {@code image/tiff}. */
    TIFF("image/tiff", "tif"),
    /** 8-bit TIFF of the 2018 OGC API, {@code image/tiff;depth=8}. */
    TIFF_D8("image/tiff;depth=8", "tif"),
    /** 16-bit TIFF of the 2018 OGC API, {@code image/tiff;depth=16}. */
    TIFF_D16("image/tiff;depth=16", "tif"),
    /** 32-bit float TIFF of the 2018 OGC API, {@code image/tiff;depth=32f}. */
    TIFF_D32F("image/tiff;depth=32f", "tif"),
    /** PNG. */
    PNG("image/png", "png"),
    /** JPEG. */
    JPG("image/jpeg", "jpg"),
    /** JPEG 2000. */
    JP2("image/jpeg2000", "jp2"),
    /** JSON. */
    JSON("application/json", "json"),
    /** A tar archive of several responses. */
    TAR("application/x-tar", "tar"),
    /** XML. */
    XML("text/xml", "xml");

    private final String mime;
    private final String extension;

    MimeType(String mime, String extension) {
        this.mime = mime;
        this.extension = extension;
    }

    /**
     * Returns the MIME string sent to the service.
     *
     * @return e.g. {@code image/tiff}
     */
    public String mime() {
        return mime;
    }

    /**
     * Returns the file extension used for tar members.
     *
     * @return e.g. {@code tif}
     */
    public String extension() {
        return extension;
    }

    /**
     * Parses a format name ({@code tiff}, {@code png}, {@code json}...) or MIME string.
     *
     * @param text the name
     * @return the type
     */
    public static MimeType parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (MimeType m : values()) {
            if (m.mime.equals(t) || m.extension.equals(t) || m.name().equalsIgnoreCase(t)) {
                return m;
            }
        }
        if (t.equals("tiff") || t.equals("image/tif")) {
            return TIFF;
        }
        if (t.equals("jpeg")) {
            return JPG;
        }
        throw new IllegalArgumentException("unknown response format '" + text + "'");
    }
}
