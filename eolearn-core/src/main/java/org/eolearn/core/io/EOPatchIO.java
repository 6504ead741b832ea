package org.eolearn.core.io;

import org.eolearn.core.compute.ComputePolicy;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.eolearn.core.BBox;
import org.eolearn.core.CRS;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureParser;
import org.eolearn.core.FeatureSpec;
import org.eolearn.core.FeatureType;
import org.eolearn.core.GeoTable;
import org.eolearn.core.LazyValue;
import org.eolearn.core.internal.PyFormat;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves and loads patches in eo-learn's folder layout, so that patches move between Python and Java both ways.
 *
 * <pre>
 * PATCH/bbox.geojson                     GeoJSON polygon, CRS as urn:ogc:def:crs:EPSG::&lt;code&gt;
 * PATCH/timestamps.json                  ["2017-01-01T10:00:00", ...]
 * PATCH/&lt;type&gt;/&lt;NAME&gt;.npy[.gz]            NPY v1, C order, little endian (gzip level 1)
 * PATCH/vector[_timeless]/&lt;NAME&gt;.gpkg[.gz]  one-layer GeoPackage
 * PATCH/meta_info/&lt;NAME&gt;.json[.gz]        JSON
 * </pre>
 *
 * <p><b>Crash safety.</b> A save stages every file, then commits through a journal (see {@link PatchCommit} and
 * docs/on-disk-format.md): a crash at any instant leaves the folder loadable as exactly the old or exactly the new
 * patch, and what a killed save left is completed or removed by the next load or save of the folder.
 *
 * <p><b>Reading</b> accepts both compressed and plain files, the legacy {@code timestamp.json} and the legacy
 * single {@code meta_info.json}. Features are read (and written) in parallel. Zarr arrays and pickled files are
 * not supported and are reported as such.
 *
 * <h2>Thread-safety</h2>
 * Safe; concurrent saves into the same folder (threads or processes) commit one at a time, the last one wins.
 *
 * @since 0.1
 */
public final class EOPatchIO {

    private static final Logger LOG = LoggerFactory.getLogger(EOPatchIO.class);
    private static final String BBOX_FILE = "bbox.geojson";
    private static final String TIMESTAMPS_FILE = "timestamps.json";
    private static final String LEGACY_TIMESTAMPS_FILE = "timestamp.json";
    private static final String LEGACY_META_FILE = "meta_info.json";
    private static final int GZIP_BUFFER = 1 << 16;

    private EOPatchIO() {
    }

    // =================================================================== save

    /**
     * Saves a patch.
     *
     * @param patch   the patch
     * @param path    the patch folder (created if missing)
     * @param options what and how
     * @throws FileAlreadyExistsException under {@link OverwritePermission#ADD_ONLY} when a feature exists
     * @throws IOException                if writing fails; the folder is then as it was
     */
    public static void save(EOPatch patch, Path path, SaveOptions options) throws IOException {
        List<Feature> features = new FeatureParser(options.features()).getFeatures(patch).stream().distinct()
                .toList();
        checkCaseCollisions(features);
        boolean saveTimestamps = options.saveTimestamps() != null ? options.saveTimestamps()
                : options.features().isAll() || features.stream().anyMatch(f -> f.type().isTemporal());
        if (saveTimestamps && patch.timestamps() == null && options.saveTimestamps() != null) {
            throw new IllegalArgumentException("saveTimestamps is true but the patch has no timestamps");
        }
        saveTimestamps = saveTimestamps && patch.timestamps() != null;

        if (Files.exists(path) && !Files.isDirectory(path)) {
            throw new NotDirectoryException(path.toString());
        }
        PatchCommit.recover(path); // a folder an interrupted save left is brought to a committed state first
        Map<FeatureType, Map<String, List<Path>>> existing = Files.isDirectory(path) ? listFeatureFiles(path)
                : Map.of();
        if (options.overwrite() == OverwritePermission.ADD_ONLY) {
            refuseExisting(existing, features, "already exists in the saved patch");
        }

        // Plan every file, then stage them all.
        String ext = options.compress() ? ".gz" : "";
        boolean zlib = options.compression() == Compression.GZIP_ZLIB;
        Map<String, Writer> plan = new LinkedHashMap<>();
        if (patch.bbox() != null) {
            BBox bbox = patch.bbox();
            plan.put(BBOX_FILE, () -> bytes(PyJson.dumps(bboxGeoJson(bbox))));
        }
        if (saveTimestamps) {
            List<String> ts = new ArrayList<>();
            for (LocalDateTime t : patch.timestamps()) {
                ts.add(PyJson.isoformat(t));
            }
            plan.put(TIMESTAMPS_FILE, () -> bytes(PyJson.dumps(ts)));
        }
        for (Feature f : features) {
            plan.put(f.type().value() + "/" + f.name() + extension(f.type()) + ext, featureWriter(patch, f));
        }

        try (PatchCommit.Staging staging = PatchCommit.stage(path)) {
            Path root = staging.files();
            List<Callable<Void>> jobs = new ArrayList<>();
            for (Map.Entry<String, Writer> e : plan.entrySet()) {
                Path target = root.resolve(e.getKey()).normalize();
                if (!target.startsWith(root)) {
                    throw new IllegalArgumentException("refusing to write outside the patch folder: " + e.getKey());
                }
                jobs.add(() -> {
                    writeFile(target, e.getValue(), zlib);
                    return null;
                });
            }
            runAll(jobs);
            OverwritePermission overwrite = options.overwrite();
            boolean timestampsSaved = saveTimestamps;
            staging.commit(plan.keySet(), (folder, targets) -> replaced(folder, targets, overwrite, features,
                    timestampsSaved, patch.bbox() != null));
        }
    }

    /**
     * The existing files a save replaces, decided while the save holds the folder's commit: under
     * {@code OVERWRITE_PATCH} everything that is not written again; otherwise the files of the saved features under
     * eo-learn's other file name (plain or gzip), and the legacy timestamp and meta-info files when their
     * replacements are written. Under {@code ADD_ONLY} a feature saved meanwhile by another save is refused.
     */
    private static List<String> replaced(Path folder, Set<String> targets, OverwritePermission overwrite,
            List<Feature> features, boolean savedTimestamps, boolean savedBbox) throws IOException {
        List<String> out = new ArrayList<>();
        if (overwrite == OverwritePermission.OVERWRITE_PATCH) {
            try (Stream<Path> entries = Files.list(folder)) {
                for (Path p : (Iterable<Path>) entries.sorted()::iterator) {
                    String name = p.getFileName().toString();
                    if (PatchCommit.isProtocolEntry(name) || targets.contains(name)) {
                        continue;
                    }
                    String prefix = name + "/";
                    boolean holdsTargets = targets.stream().anyMatch(t -> t.startsWith(prefix));
                    if (holdsTargets && Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        try (Stream<Path> children = Files.list(p)) {
                            for (Path c : (Iterable<Path>) children.sorted()::iterator) {
                                String rel = prefix + c.getFileName();
                                if (!targets.contains(rel)) {
                                    out.add(rel);
                                }
                            }
                        }
                    } else {
                        out.add(name);
                    }
                }
            }
            return out;
        }
        if (overwrite == OverwritePermission.ADD_ONLY) {
            refuseExisting(listFeatureFiles(folder), features, "was saved by another save meanwhile");
        }
        List<String> candidates = new ArrayList<>();
        for (Feature f : features) {
            String base = f.type().value() + "/" + f.name() + extension(f.type());
            candidates.add(base);
            candidates.add(base + ".gz");
        }
        if (savedBbox) {
            candidates.add(BBOX_FILE);
            candidates.add(BBOX_FILE + ".gz");
        }
        if (savedTimestamps) {
            for (String name : List.of(TIMESTAMPS_FILE, LEGACY_TIMESTAMPS_FILE)) {
                candidates.add(name);
                candidates.add(name + ".gz");
            }
        }
        if (features.stream().anyMatch(f -> f.type() == FeatureType.META_INFO)) {
            candidates.add(LEGACY_META_FILE);
        }
        for (String rel : candidates) {
            if (!targets.contains(rel) && Files.exists(folder.resolve(rel), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                out.add(rel);
            }
        }
        return out;
    }

    /** ADD_ONLY: refuses a feature that is on disk already (names compared case-insensitively). */
    private static void refuseExisting(Map<FeatureType, Map<String, List<Path>>> existing, List<Feature> features,
            String why) throws FileAlreadyExistsException {
        for (Feature f : features) {
            List<Path> clash = findCaseInsensitive(existing.getOrDefault(f.type(), Map.of()), f.name());
            if (!clash.isEmpty()) {
                throw new FileAlreadyExistsException(clash.get(0).toString(), null, "feature " + f + " " + why
                        + "; replacing it needs the overwrite permission OVERWRITE_FEATURES");
            }
        }
    }

    private static void checkCaseCollisions(List<Feature> features) throws IOException {
        Map<String, Feature> seen = new HashMap<>();
        for (Feature f : features) {
            Feature other = seen.put(f.type().value() + "/" + f.name().toLowerCase(Locale.ROOT), f);
            if (other != null) {
                throw new IOException("features " + other + " and " + f + " differ only in case; they would "
                        + "collide on case-insensitive file systems");
            }
        }
    }

    private static String extension(FeatureType type) {
        if (type.isArray()) {
            return ".npy";
        }
        return type.isVector() ? ".gpkg" : ".json";
    }

    private static Writer featureWriter(EOPatch patch, Feature f) {
        FeatureType type = f.type();
        if (type.isArray()) {
            return () -> Npy.content(patch.getArray(type, f.name()));
        }
        if (type.isVector()) {
            return () -> bytes(GeoPackage.toBytes(patch.getVector(type, f.name()), f.name()));
        }
        return () -> bytes(PyJson.dumps(patch.getMetaInfo(f.name())));
    }

    private static List<ByteBuffer> bytes(byte[] b) {
        return List.of(ByteBuffer.wrap(b));
    }

    /** Writes one staged file: plain, or gzip at level 1 (large contents compressed in parallel). */
    private static void writeFile(Path target, Writer writer, boolean zlib) throws IOException {
        Files.createDirectories(target.getParent());
        PatchCommit.step("write", target);
        List<ByteBuffer> content = writer.content();
        if (target.getFileName().toString().endsWith(".gz")) {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(target), GZIP_BUFFER)) {
                ParallelGzip.write(content, out, zlib);
            }
        } else {
            try (FileChannel channel = FileChannel.open(target, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                for (ByteBuffer part : content) {
                    ByteBuffer b = part.duplicate();
                    while (b.hasRemaining()) {
                        channel.write(b);
                    }
                }
            }
        }
    }

    private static Map<String, Object> bboxGeoJson(BBox b) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("name", b.crs().ogcUrn());
        Map<String, Object> crs = new LinkedHashMap<>();
        crs.put("type", "name");
        crs.put("properties", props);
        List<Object> ring = List.of(
                List.of(b.minX(), b.minY()), List.of(b.minX(), b.maxY()), List.of(b.maxX(), b.maxY()),
                List.of(b.maxX(), b.minY()), List.of(b.minX(), b.minY()));
        Map<String, Object> geo = new LinkedHashMap<>();
        geo.put("crs", crs);
        geo.put("type", "Polygon");
        geo.put("coordinates", List.of(ring));
        return geo;
    }

    // =================================================================== load

    /**
     * Loads a patch.
     *
     * @param path    the patch folder
     * @param options what and how
     * @return the patch
     * @throws NoSuchFileException    if the folder or a requested feature does not exist
     * @throws EOPatchFormatException if a file is malformed (named in the message)
     * @throws IOException            if reading fails
     */
    public static EOPatch load(Path path, LoadOptions options) throws IOException {
        PatchCommit.recover(path);
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString(), null, "patch folder does not exist");
        }
        if (!Files.isDirectory(path)) {
            throw new NotDirectoryException(path.toString());
        }
        Map<FeatureType, Map<String, List<Path>>> files = listFeatureFiles(path);
        EOPatch patch = new EOPatch();

        // Which features: resolve the specification against what is on disk.
        EOPatch onDisk = new EOPatch();
        Map<Feature, Path> sources = new LinkedHashMap<>();
        for (Map.Entry<FeatureType, Map<String, List<Path>>> e : files.entrySet()) {
            for (List<Path> candidates : e.getValue().values()) {
                if (candidates.size() > 1) {
                    throw new EOPatchFormatException(candidates.get(0), "the feature is stored more than once: "
                            + candidates + "; remove all but one");
                }
                Path p = candidates.get(0);
                String name = p.getFileName().toString();
                name = name.substring(0, name.indexOf('.'));
                try {
                    Feature.checkName(name);
                } catch (IllegalArgumentException ex) {
                    throw new EOPatchFormatException(p, ex.getMessage(), ex);
                }
                onDisk.put(e.getKey(), name, new LazyValue(p, x -> null));
                sources.put(Feature.of(e.getKey(), name), p);
            }
        }
        Path legacyMeta = path.resolve(LEGACY_META_FILE);
        Map<String, Object> legacyMetaValues = Map.of();
        if (Files.isRegularFile(legacyMeta)) {
            LOG.warn("{}: reading the legacy single meta_info.json file (it is removed when meta info is saved)",
                    legacyMeta);
            Object value = readJson(legacyMeta);
            if (!(value instanceof Map)) {
                throw new EOPatchFormatException(legacyMeta, "legacy meta_info.json must hold a JSON object");
            }
            legacyMetaValues = castMap(value);
            for (String name : legacyMetaValues.keySet()) {
                if (!onDisk.contains(FeatureType.META_INFO, name)) {
                    onDisk.put(FeatureType.META_INFO, name, legacyMetaValues.get(name));
                }
            }
        }
        List<Feature> selected;
        try {
            selected = new FeatureParser(options.features()).getFeatures(onDisk);
        } catch (IllegalArgumentException e) {
            throw new NoSuchFileException(path.toString(), null, e.getMessage());
        }

        Path bboxFile = findFile(path, BBOX_FILE);
        if (bboxFile != null) {
            patch.setBbox(readBbox(bboxFile));
        }
        boolean loadTimestamps = options.loadTimestamps() != null ? options.loadTimestamps()
                : options.features().isAll() || selected.stream().anyMatch(f -> f.type().isTemporal());
        if (loadTimestamps) {
            Path tsFile = findFile(path, TIMESTAMPS_FILE);
            if (tsFile == null) {
                tsFile = findFile(path, LEGACY_TIMESTAMPS_FILE);
                if (tsFile != null) {
                    LOG.warn("{}: reading timestamps from the legacy file name timestamp.json", tsFile);
                }
            }
            if (tsFile != null) {
                patch.setTimestamps(readTimestamps(tsFile));
            } else if (options.loadTimestamps() != null) {
                throw new NoSuchFileException(path.resolve(TIMESTAMPS_FILE).toString(), null,
                        "loadTimestamps is true but the patch has no timestamps file");
            }
        }

        List<Callable<Void>> jobs = new ArrayList<>();
        for (Feature f : selected) {
            Path source = sources.get(f);
            if (source == null) {
                patch.put(f, legacyMetaValues.get(f.name()));
                continue;
            }
            LazyValue lazy = new LazyValue(source, loader(f.type()), f.type().isArray() ? EOPatchIO::describeArray
                    : null);
            patch.put(f, lazy);
            if (!options.lazy()) {
                jobs.add(() -> {
                    lazy.get();
                    return null;
                });
            }
        }
        if (!options.lazy()) {
            runAll(jobs);
            for (Feature f : selected) {
                try {
                    Object value = patch.get(f);
                    patch.put(f, value);
                } catch (IllegalArgumentException e) {
                    throw new EOPatchFormatException(sources.getOrDefault(f, path), e.getMessage(), e);
                }
            }
        }
        return patch;
    }

    private static LazyValue.Loader loader(FeatureType type) {
        if (type.isArray()) {
            return EOPatchIO::readArray;
        }
        if (type.isVector()) {
            return p -> readVector(p, type);
        }
        return EOPatchIO::readJson;
    }

    /**
     * Reads one NPY feature file ({@code .npy} or {@code .npy.gz}).
     *
     * @param file the file
     * @return the array
     * @throws IOException if it is malformed (named in the message)
     */
    public static INDArray readArray(Path file) throws IOException {
        if (!file.getFileName().toString().endsWith(".gz")) {
            return Npy.read(file);
        }
        try (InputStream in = open(file)) {
            return Npy.read(in, file);
        }
    }

    /**
     * Describes one NPY feature file as eo-learn's repr prints the loaded array
     * ({@code numpy.ndarray(shape=(...), dtype=...)}), reading only its header.
     *
     * @param file the file ({@code .npy} or {@code .npy.gz})
     * @return the description
     * @throws IOException if the header is malformed (named in the message)
     */
    public static String describeArray(Path file) throws IOException {
        try (InputStream in = open(file)) {
            Npy.Header h = Npy.readHeader(in, file);
            return PyFormat.ndarray(h.shape(), h.dtype().numpyName());
        }
    }

    private static GeoTable readVector(Path file, FeatureType type) throws IOException {
        GeoTable table;
        if (file.getFileName().toString().endsWith(".gz")) {
            byte[] content;
            try (InputStream in = open(file)) {
                content = readBounded(in, file);
            }
            table = GeoPackage.read(content, file, null);
        } else {
            table = GeoPackage.read(file);
        }
        if (type == FeatureType.VECTOR && !table.hasColumn(GeoTable.TIMESTAMP)) {
            throw new EOPatchFormatException(file, "a temporal vector feature must have a TIMESTAMP column; columns "
                    + "are " + table.columnNames());
        }
        return table;
    }

    private static Object readJson(Path file) throws IOException {
        byte[] bytes;
        try (InputStream in = open(file)) {
            bytes = readBounded(in, file);
        }
        try {
            return PyJson.parse(bytes);
        } catch (IOException e) {
            throw new EOPatchFormatException(file, "invalid JSON: " + String.valueOf(e.getMessage()).split("\n")[0],
                    e);
        } catch (RuntimeException | StackOverflowError e) {
            throw new EOPatchFormatException(file, "invalid JSON: " + e, e);
        }
    }

    private static BBox readBbox(Path file) throws IOException {
        Object json = readJson(file);
        if (!(json instanceof Map)) {
            throw new EOPatchFormatException(file, "bbox GeoJSON must be a JSON object");
        }
        Map<String, Object> geo = castMap(json);
        CRS crs = CRS.WGS84;
        Object crsObj = geo.get("crs");
        try {
            if (crsObj instanceof Map) {
                Object props = castMap(crsObj).get("properties");
                if (props instanceof Map && castMap(props).get("name") != null) {
                    crs = CRS.parse(String.valueOf(castMap(props).get("name")));
                }
            }
        } catch (IllegalArgumentException e) {
            throw new EOPatchFormatException(file, "bbox CRS: " + e.getMessage(), e);
        }
        double[] box = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.NEGATIVE_INFINITY};
        collectCoordinates(geo.get("coordinates"), box, file);
        if (box[0] > box[2]) {
            throw new EOPatchFormatException(file, "bbox GeoJSON has no coordinates");
        }
        return new BBox(box[0], box[1], box[2], box[3], crs);
    }

    private static void collectCoordinates(Object node, double[] box, Path file) throws EOPatchFormatException {
        if (!(node instanceof List)) {
            throw new EOPatchFormatException(file, "bbox GeoJSON 'coordinates' must be nested lists of numbers");
        }
        List<?> list = (List<?>) node;
        if (!list.isEmpty() && list.get(0) instanceof Number) {
            if (list.size() < 2 || !(list.get(1) instanceof Number)) {
                throw new EOPatchFormatException(file, "bbox GeoJSON position " + list + " is not [x, y]");
            }
            double x = ((Number) list.get(0)).doubleValue();
            double y = ((Number) list.get(1)).doubleValue();
            box[0] = Math.min(box[0], x);
            box[1] = Math.min(box[1], y);
            box[2] = Math.max(box[2], x);
            box[3] = Math.max(box[3], y);
            return;
        }
        for (Object o : list) {
            collectCoordinates(o, box, file);
        }
    }

    private static List<LocalDateTime> readTimestamps(Path file) throws IOException {
        Object json = readJson(file);
        if (!(json instanceof List)) {
            throw new EOPatchFormatException(file, "timestamps must be a JSON list of ISO date-time strings");
        }
        List<LocalDateTime> out = new ArrayList<>();
        for (Object o : (List<?>) json) {
            if (!(o instanceof String)) {
                throw new EOPatchFormatException(file, "timestamp " + o + " is not a string");
            }
            out.add(GeoPackage.parseDateTime((String) o, "timestamps", file));
        }
        return out;
    }

    // =================================================================== files

    /** Lists feature files: type → feature name (as on disk) → files with that name (any extension). */
    private static Map<FeatureType, Map<String, List<Path>>> listFeatureFiles(Path path) throws IOException {
        Map<FeatureType, Map<String, List<Path>>> out = new TreeMap<>();
        for (FeatureType type : FeatureType.values()) {
            Path folder = path.resolve(type.value());
            if (!Files.isDirectory(folder)) {
                continue;
            }
            Map<String, List<Path>> byName = new LinkedHashMap<>();
            try (Stream<Path> entries = Files.list(folder)) {
                List<Path> sorted = entries.sorted(Comparator.comparing(Path::toString)).toList();
                for (Path p : sorted) {
                    String fileName = p.getFileName().toString();
                    int dot = fileName.indexOf('.');
                    if (fileName.startsWith(".") || dot < 0) {
                        continue;
                    }
                    String ext = fileName.substring(dot);
                    if (supported(type, ext) && !Files.isRegularFile(p)) {
                        throw new EOPatchFormatException(p, Files.isDirectory(p) ? "is a directory, not a "
                                + "feature file" : "is not a regular file");
                    }
                    if (!supported(type, ext)) {
                        if (ext.startsWith(".zarr")) {
                            throw new EOPatchFormatException(p, "Zarr features are not supported");
                        }
                        if (ext.startsWith(".pkl") || ext.startsWith(".pickle")) {
                            throw new EOPatchFormatException(p, "pickled features are not supported (eo-learn "
                                    + "dropped them in 1.3.0)");
                        }
                        throw new EOPatchFormatException(p, "unexpected file in the " + type.value()
                                + " folder: a " + type.value() + " feature must be a " + extension(type)
                                + " or " + extension(type) + ".gz file");
                    }
                    byName.computeIfAbsent(fileName.substring(0, dot), k -> new ArrayList<>()).add(p);
                }
            }
            out.put(type, byName);
        }
        return out;
    }

    private static List<Path> findCaseInsensitive(Map<String, List<Path>> files, String name) {
        List<Path> found = new ArrayList<>();
        for (Map.Entry<String, List<Path>> e : files.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                found.addAll(e.getValue());
            }
        }
        return found;
    }

    private static boolean supported(FeatureType type, String ext) {
        String base = extension(type);
        return ext.equals(base) || ext.equals(base + ".gz");
    }

    private static Path findFile(Path path, String name) {
        Path plain = path.resolve(name);
        if (Files.isRegularFile(plain)) {
            return plain;
        }
        Path gz = path.resolve(name + ".gz");
        return Files.isRegularFile(gz) ? gz : null;
    }

    private static InputStream open(Path file) throws IOException {
        InputStream raw = Files.newInputStream(file);
        if (file.getFileName().toString().endsWith(".gz")) {
            return new GzipReader(raw, file);
        }
        return new BufferedInputStream(raw, GZIP_BUFFER);
    }

    /** The whole content (memory grows only as data arrives); more than an array can hold is an error. */
    private static byte[] readBounded(InputStream in, Path file) throws IOException {
        byte[] b = in.readNBytes(Integer.MAX_VALUE - 16);
        if (in.read() >= 0) {
            throw new EOPatchFormatException(file, "content is larger than 2 GiB");
        }
        return b;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object o) {
        return (Map<String, Object>) o;
    }

    /** Runs the jobs with the threads {@link ComputePolicy} gives this patch; the first failure is rethrown. */
    private static void runAll(List<Callable<Void>> jobs) throws IOException {
        ComputePolicy.parallelForIo(jobs.size(), i -> call(jobs.get(i)));
    }

    private static void call(Callable<Void> job) throws IOException {
        try {
            job.call();
        } catch (Exception e) {
            rethrow(e);
        }
    }

    private static void rethrow(Throwable t) throws IOException {
        if (t instanceof UncheckedIOException) {
            throw ((UncheckedIOException) t).getCause();
        }
        if (t instanceof IOException) {
            throw (IOException) t;
        }
        if (t instanceof RuntimeException) {
            throw (RuntimeException) t;
        }
        if (t instanceof Error) {
            throw (Error) t;
        }
        throw new IOException(t);
    }

    /** Produces the content of one file. */
    @FunctionalInterface
    private interface Writer {
        List<ByteBuffer> content() throws IOException;
    }
}
