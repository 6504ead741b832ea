package org.eolearn.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A feature value that is read from disk on first use and then cached, eo-learn's {@code FeatureIO}.
 *
 * <p>An {@link EOPatch} loaded with lazy loading holds these instead of values; {@link EOPatch#get} loads them
 * transparently. Shallow copies of a patch share the same instance, so a value is read at most once.
 *
 * <h2>Thread-safety</h2>
 * Safe: concurrent {@link #get()} calls read the file once.
 *
 * @since 0.1
 */
public final class LazyValue {

    /** Reads a value from a file. */
    @FunctionalInterface
    public interface Loader {
        /**
         * Reads the value.
         *
         * @param path the file
         * @return the value
         * @throws IOException if the file cannot be read or is malformed
         */
        Object load(Path path) throws IOException;
    }

    /** Describes a value from its file without reading all of it (an array from its NPY header). */
    @FunctionalInterface
    public interface Describer {
        /**
         * Describes the value as eo-learn's repr prints it once loaded.
         *
         * @param path the file
         * @return the description
         * @throws IOException if the file cannot be read or is malformed
         */
        String describe(Path path) throws IOException;
    }

    private final Path path;
    private final Loader loader;
    private final Describer describer;
    private volatile Object value;

    /**
     * Creates a lazy value.
     *
     * @param path   the file it comes from
     * @param loader how to read it
     */
    public LazyValue(Path path, Loader loader) {
        this(path, loader, (Describer) null);
    }

    /**
     * Creates a lazy value that can describe itself without being read.
     *
     * @param path      the file it comes from
     * @param loader    how to read it
     * @param describer how to describe it from the file's header, or null (then {@link #describe()} gives null)
     */
    public LazyValue(Path path, Loader loader, Describer describer) {
        this.path = Objects.requireNonNull(path, "path");
        this.loader = Objects.requireNonNull(loader, "loader");
        this.describer = describer;
    }

    private LazyValue(Path path, Loader loader, Describer describer, Object value) {
        this(path, loader, describer);
        this.value = value;
    }

    /**
     * Returns the file the value comes from.
     *
     * @return the path
     */
    public Path path() {
        return path;
    }

    /**
     * Tells whether the value has been read.
     *
     * @return whether it is cached
     */
    public boolean isLoaded() {
        return value != null;
    }

    /**
     * Returns the value, reading it on the first call.
     *
     * @return the value
     * @throws UncheckedIOException if reading fails (the cause names the file)
     */
    public Object get() {
        Object v = value;
        if (v == null) {
            synchronized (this) {
                v = value;
                if (v == null) {
                    try {
                        v = loader.load(path);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    value = v;
                }
            }
        }
        return v;
    }

    /**
     * Returns a new lazy value for the same file holding the given already-loaded value (used by deep copies).
     *
     * @param loadedValue the value, or null to keep it unloaded
     * @return the copy
     */
    public LazyValue withValue(Object loadedValue) {
        return new LazyValue(path, loader, describer, loadedValue);
    }

    /**
     * Describes the value as eo-learn's repr prints it once loaded, without reading it: from the loaded value if
     * there is one, else from the file's header.
     *
     * @return the description, or null if this value has no describer and is not loaded
     * @throws UncheckedIOException if the header cannot be read (the cause names the file)
     */
    public String describe() {
        if (value != null || describer == null) {
            return null;
        }
        try {
            return describer.describe(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Returns the cached value without reading.
     *
     * @return the value or null if not loaded
     */
    public Object peek() {
        return value;
    }

    /**
     * Returns {@code FeatureIO(<path>)}, as eo-learn prints unloaded values.
     *
     * @return a description
     */
    @Override
    public String toString() {
        return "FeatureIO(" + path + ")";
    }
}
