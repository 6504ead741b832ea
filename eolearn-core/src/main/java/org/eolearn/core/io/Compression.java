package org.eolearn.core.io;

/**
 * How feature files are compressed when a patch is saved.
 *
 * @since 0.1
 */
public enum Compression {
    /** Plain {@code .npy}, {@code .gpkg} and {@code .json} files (eo-learn reads them too). */
    NONE,
    /**
     * gzip ({@code .npy.gz}, ...) written by this library's fast DEFLATE encoder, large files on all cores: 2 to 3
     * times faster than zlib level 1, files about 2 % larger. The default.
     */
    GZIP,
    /** gzip written by zlib at level 1, exactly eo-learn's setting (large files still on all cores). */
    GZIP_ZLIB
}
