package org.eolearn.io.vector;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.eolearn.core.BBox;
import org.eolearn.core.CRS;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.GeoTable;
import org.eolearn.core.io.GeoPackage;
import org.eolearn.core.task.EOTask;
import org.eolearn.core.task.Tasks;
import org.eolearn.io.raster.Crs;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Lineal;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.Puntal;
import org.opengis.referencing.crs.CoordinateReferenceSystem;
import org.opengis.referencing.operation.MathTransform;

/**
 * Imports a vector file into a vector feature (eo-learn's {@code VectorImportTask}): a GeoPackage
 * ({@code .gpkg}, read with core's {@link GeoPackage}; its CRS from {@code gpkg_spatial_ref_sys}, the WKT
 * definition when Apache SIS does not know the EPSG code, e.g. Lambert-93; {@code layer} picks a layer, by default the
 * first) or a GeoJSON file ({@link GeoJson}).
 *
 * <p>With a bbox (the execute argument {@code bbox}, else the patch's) only rows whose geometry intersects the
 * bbox (transformed to the dataset CRS by its polygon's envelope) are read; {@code reproject} (default true)
 * transforms them to the bbox CRS; {@code clip} (default false) cuts them to the bbox, keeping only parts of each
 * geometry's own dimension and dropping rows left empty (geopandas' {@code clip(keep_geom_type=True)}). Without any
 * bbox the whole dataset is read and a new patch gets the dataset's total bounds as its bbox. Built with
 * {@link #builder(Feature, Path)}, whose settings start at eo-learn's defaults.
 *
 * <pre>{@code
 * VectorImportTask task = VectorImportTask.builder(Feature.of(FeatureType.VECTOR_TIMELESS, "LPIS"),
 *         Path.of("lpis.gpkg")).clip(true).build();
 * EOPatch patch = task.execute(null, new BBox(657690, 5071637, 660493, 5074440, CRS.utm(31, true)));
 * }</pre>
 *
 * @since 0.1
 */
public final class VectorImportTask implements EOTask {

    private static final GeometryFactory FACTORY = new GeometryFactory();

    private final Feature feature;
    private final Path path;
    private final boolean reproject;
    private final boolean clip;
    private final String layer;

    /**
     * Creates the task with eo-learn's defaults: the rows reprojected to the bbox CRS, not clipped, from the first
     * layer.
     *
     * @param feature a vector feature
     * @param path    the file ({@code .gpkg}, {@code .geojson} or {@code .json})
     */
    public VectorImportTask(Feature feature, Path path) {
        this(feature, path, true, false, null);
    }

    /**
     * Creates the task with every parameter; prefer {@link #builder(Feature, Path)}, which needs no null for the
     * defaults.
     *
     * @param feature   a vector feature
     * @param path      the file ({@code .gpkg}, {@code .geojson} or {@code .json})
     * @param reproject transform the rows to the bbox CRS
     * @param clip      clip the rows to the bbox
     * @param layer     the GeoPackage layer (null: the first layer)
     */
    public VectorImportTask(Feature feature, Path path, boolean reproject, boolean clip, String layer) {
        this.feature = Objects.requireNonNull(feature, "feature");
        this.path = Objects.requireNonNull(path, "path");
        this.reproject = reproject;
        this.clip = clip;
        this.layer = layer;
        if (!feature.type().isVector()) {
            throw new IllegalArgumentException("feature must be a vector feature (vector, vector_timeless), got "
                    + feature);
        }
        format(path);
    }

    /**
     * Starts a task with eo-learn's defaults: the rows reprojected to the bbox CRS ({@code reproject=True}), not
     * clipped ({@code clip=False}), from the first layer.
     *
     * @param feature a VECTOR or VECTOR_TIMELESS feature
     * @param path    the file ({@code .gpkg}, {@code .geojson} or {@code .json})
     * @return the builder
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if the feature is not a vector feature or the file's format is not supported
     */
    public static Builder builder(Feature feature, Path path) {
        return new Builder(feature, path);
    }

    /**
     * Settings of a {@link VectorImportTask}, preset to eo-learn 1.5.6's defaults; every setter is optional.
     * eo-learn's {@code filesystem} and {@code config} have no counterpart: files are local.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final Feature feature;
        private final Path path;
        private boolean reproject = true;
        private boolean clip;
        private String layer;

        private Builder(Feature feature, Path path) {
            this.feature = Objects.requireNonNull(feature, "feature");
            this.path = Objects.requireNonNull(path, "path");
            if (!feature.type().isVector()) {
                throw new IllegalArgumentException("feature must be a vector feature (vector, vector_timeless), got "
                        + feature);
            }
            format(path);
        }

        /**
         * {@code reproject}: whether to transform the rows to the bbox CRS (default true; needs a bbox).
         *
         * @param reproject whether to reproject
         * @return this
         */
        public Builder reproject(boolean reproject) {
            this.reproject = reproject;
            return this;
        }

        /**
         * {@code clip}: whether to clip the rows to the bbox, keeping the parts of each geometry's own dimension
         * (default false; needs a bbox).
         *
         * @param clip whether to clip
         * @return this
         */
        public Builder clip(boolean clip) {
            this.clip = clip;
            return this;
        }

        /**
         * {@code layer}: the layer of a GeoPackage (a keyword argument eo-learn passes to fiona; default: the first
         * layer).
         *
         * @param layer the layer name, or null for the first layer
         * @return this
         * @throws IllegalArgumentException if the name is empty
         */
        public Builder layer(String layer) {
            if (layer != null && layer.isEmpty()) {
                throw new IllegalArgumentException("layer must be a layer name or null for the first layer, got an "
                        + "empty name");
            }
            this.layer = layer;
            return this;
        }

        /**
         * Builds the task.
         *
         * @return the task
         */
        public VectorImportTask build() {
            return new VectorImportTask(feature, path, reproject, clip, layer);
        }
    }

    private static String format(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".gpkg")) {
            return "gpkg";
        }
        if (name.endsWith(".geojson") || name.endsWith(".json")) {
            return "geojson";
        }
        throw new IllegalArgumentException("path: unsupported vector format '" + path.getFileName()
                + "' (supported: .gpkg, .geojson, .json)");
    }

    @Override
    public Object execute(List<Object> inputs, Map<String, Object> args) {
        Tasks.checkArgs(this, args, "bbox");
        EOPatch patch = inputs.isEmpty() || (inputs.size() == 1 && inputs.get(0) == null) ? null
                : Tasks.singlePatch(this, inputs);
        return execute(patch, toBbox(args.get("bbox")));
    }

    private static BBox toBbox(Object v) {
        if (v == null || v instanceof BBox) {
            return (BBox) v;
        }
        if (v instanceof List<?> l && l.size() == 5 && l.get(4) instanceof String crs) {
            return new BBox(num(l.get(0)), num(l.get(1)), num(l.get(2)), num(l.get(3)), CRS.parse(crs));
        }
        throw new IllegalArgumentException("bbox must be a BBox or [min_x, min_y, max_x, max_y, \"EPSG:code\"], got "
                + v);
    }

    private static double num(Object o) {
        if (!(o instanceof Number n)) {
            throw new IllegalArgumentException("bbox coordinates must be numbers, got " + o);
        }
        return n.doubleValue();
    }

    /**
     * Imports the vectors.
     *
     * @param patch the patch, or null to create one
     * @param bbox  the bbox to load, or null for the patch's (or the whole dataset)
     * @return the patch with the vector feature
     * @throws IllegalArgumentException if reprojecting or clipping without a bbox, or clipping in another CRS
     * @throws UncheckedIOException     if the file cannot be read (naming it)
     */
    public EOPatch execute(EOPatch patch, BBox bbox) {
        BBox box = bbox == null && patch != null ? patch.bbox() : bbox;
        Dataset data = load();
        GeoTable table = data.table;
        if (box != null) {
            double[] b = box.crs().equals(data.epsg) ? new double[] {box.minX(), box.minY(), box.maxX(), box.maxY()}
                    : Crs.transformBounds(box, data.sis);
            Geometry filter = FACTORY.toGeometry(new Envelope(b[0], b[2], b[1], b[3]));
            Envelope fe = filter.getEnvelopeInternal();
            table = table.filter(i -> {
                Geometry g = data.table.geometries().get(i);
                return g != null && !g.isEmpty() && fe.intersects(g.getEnvelopeInternal()) && filter.intersects(g);
            });
        }
        BBox finalBbox = box;
        if (finalBbox == null) {
            if (data.epsg == null) {
                throw new IllegalArgumentException(path + ": the dataset CRS has no EPSG code; give a bbox");
            }
            Envelope total = new Envelope();
            table.geometries().stream().filter(g -> g != null && !g.isEmpty())
                    .forEach(g -> total.expandToInclude(g.getEnvelopeInternal()));
            if (total.isNull()) {
                throw new IllegalArgumentException(path + ": the dataset is empty, cannot derive a bbox");
            }
            finalBbox = BBox.of(total, data.epsg);
        }
        EOPatch out = patch == null ? new EOPatch(finalBbox, null) : patch;
        if (out.bbox() == null) {
            out.setBbox(finalBbox);
        }
        CRS tableCrs = data.epsg;
        if (reproject) {
            if (box == null) {
                throw new IllegalArgumentException("To reproject vector data, eopatch.bbox has to be defined!");
            }
            if (!box.crs().equals(data.epsg)) {
                MathTransform t = Crs.transform(data.sis, Crs.toSis(box.crs()));
                List<Geometry> moved = new ArrayList<>(table.size());
                for (Geometry g : table.geometries()) {
                    moved.add(g == null ? null : transform(g, t));
                }
                table = new GeoTable(box.crs(), moved, table.columns());
            } else {
                table = table.withCrs(box.crs());
            }
            tableCrs = box.crs();
        }
        if (clip) {
            if (box == null) {
                throw new IllegalArgumentException("To clip vector data, eopatch.bbox has to be defined!");
            }
            if (!box.crs().equals(tableCrs)) {
                throw new IllegalArgumentException("To clip, vectors should be in same CRS as EOPatch bbox! (vectors "
                        + "in " + tableCrs + ", bbox in " + box.crs() + ")");
            }
            table = clip(table, box);
        }
        out.put(feature.type(), feature.outputName(), table);
        return out;
    }

    private static GeoTable clip(GeoTable table, BBox box) {
        Geometry mask = box.toPolygon(FACTORY);
        Envelope me = mask.getEnvelopeInternal();
        List<Geometry> geoms = new ArrayList<>();
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < table.size(); i++) {
            Geometry g = table.geometries().get(i);
            if (g == null || g.isEmpty() || !me.intersects(g.getEnvelopeInternal()) || !mask.intersects(g)) {
                continue;
            }
            Geometry c = keepType(g, g.intersection(mask));
            if (c == null || c.isEmpty()) {
                continue;
            }
            rows.add(i);
            geoms.add(c);
        }
        GeoTable selected = table.select(rows.stream().mapToInt(Integer::intValue).toArray());
        return new GeoTable(selected.crs(), geoms, selected.columns());
    }

    /** geopandas' keep_geom_type: only the parts of the original geometry's dimension. */
    private static Geometry keepType(Geometry original, Geometry clipped) {
        if (clipped.getGeometryType().equals("GeometryCollection")) {
            List<Geometry> parts = new ArrayList<>();
            for (int i = 0; i < clipped.getNumGeometries(); i++) {
                Geometry p = clipped.getGeometryN(i);
                if (sameKind(original, p)) {
                    parts.add(p);
                }
            }
            if (parts.isEmpty()) {
                return null;
            }
            return parts.size() == 1 ? parts.get(0) : FACTORY.buildGeometry(parts);
        }
        return sameKind(original, clipped) ? clipped : null;
    }

    private static boolean sameKind(Geometry a, Geometry b) {
        return (a instanceof Polygonal && b instanceof Polygonal) || (a instanceof Lineal && b instanceof Lineal)
                || (a instanceof Puntal && b instanceof Puntal)
                || a.getGeometryType().equals("GeometryCollection");
    }

    private static Geometry transform(Geometry g, MathTransform t) {
        return org.eolearn.core.GeometryTransforms.apply(g, t, null);
    }

    /** A dataset read from disk with its CRS as EPSG code (may be null) and as a SIS object. */
    private record Dataset(GeoTable table, CRS epsg, CoordinateReferenceSystem sis) {
    }

    private Dataset load() {
        try {
            if (format(path).equals("geojson")) {
                GeoTable t = GeoJson.read(path);
                return new Dataset(t, t.crs(), Crs.toSis(t.crs()));
            }
            List<GpkgInfo.Layer> layers = GpkgInfo.layers(path);
            if (layers.isEmpty()) {
                throw new IllegalArgumentException(path + ": GeoPackage has no feature layer");
            }
            GpkgInfo.Layer chosen = layers.get(0);
            if (layer != null) {
                chosen = layers.stream().filter(l -> l.name().equals(layer)).findFirst().orElseThrow(() ->
                        new IllegalArgumentException(path + ": layer '" + layer + "' does not exist; layers: "
                                + layers.stream().map(GpkgInfo.Layer::name).toList()));
            }
            GeoTable t = GeoPackage.read(path, chosen.name());
            CoordinateReferenceSystem sis;
            CRS epsg = t.crs();
            if (epsg != null) {
                try {
                    sis = epsg.toSis();
                } catch (IllegalStateException e) {
                    if (chosen.definition() == null || chosen.definition().equals("undefined")) {
                        throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
                    }
                    sis = Crs.fromWkt(chosen.definition());
                }
            } else if (chosen.definition() != null && !chosen.definition().equals("undefined")) {
                sis = Crs.fromWkt(chosen.definition());
            } else {
                throw new IllegalArgumentException(path + ": the layer has no CRS");
            }
            return new Dataset(t, epsg, sis);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage() != null && e.getMessage().contains(path.toString())
                    ? e.getMessage() : path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Map<String, Object> describe() {
        return Tasks.describe("feature", feature, "path", path.toString(), "reproject", reproject, "clip", clip,
                "layer", layer);
    }
}
