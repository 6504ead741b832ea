package org.eolearn.io.sentinelhub;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eolearn.core.BBox;
import org.eolearn.core.CRS;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;

/**
 * A Process API request (sentinelhub-py's {@code SentinelHubRequest}): {@code POST {base}/api/v1/process} with the
 * body in sentinelhub-py's key order, and the decoding of its answer.
 *
 * <pre>{@code
 * ProcessRequest req = ProcessRequest.builder(evalscript)
 *         .bbox(bbox)
 *         .input(InputData.of(DataCollection.SENTINEL2_L1C).withTime(t0, t1))
 *         .response("default", MimeType.TIFF)
 *         .size(512, 856)
 *         .build();
 * SHTransport.Request http = req.toHttp(URI.create("https://services.sentinel-hub.com"));
 * }</pre>
 *
 * <p>Accept is the single response's MIME type, or {@code application/x-tar} with several responses; the answer
 * is decoded with {@link Responses#decode(byte[], ProcessRequest)} into {@code <identifier>.<ext>} entries.
 *
 * @since 0.1
 */
public final class ProcessRequest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final BBox bbox;
    private final Geometry geometry;
    private final CRS geometryCrs;
    private final List<InputData> inputs;
    private final String evalscript;
    private final Map<String, MimeType> responses;
    private final Integer width;
    private final Integer height;
    private final Double resx;
    private final Double resy;

    private ProcessRequest(Builder b) {
        if (b.bbox == null && b.geometry == null) {
            throw new IllegalArgumentException("'bbox' and/or 'geometry' have to be provided");
        }
        if (b.bbox != null && b.geometry != null && !b.bbox.crs().equals(b.geometryCrs)) {
            throw new IllegalArgumentException("bbox and geometry should be in the same CRS, got " + b.bbox.crs()
                    + " and " + b.geometryCrs);
        }
        if (b.inputs.isEmpty()) {
            throw new IllegalArgumentException("a Process API request needs at least one input data entry");
        }
        if (b.responses.isEmpty()) {
            throw new IllegalArgumentException("a Process API request needs at least one response");
        }
        if (b.width != null && b.resx != null) {
            throw new IllegalArgumentException("give either size or resolution, not both");
        }
        Objects.requireNonNull(b.evalscript, "evalscript");
        this.bbox = b.bbox;
        this.geometry = b.geometry;
        this.geometryCrs = b.geometryCrs;
        this.inputs = List.copyOf(b.inputs);
        this.evalscript = b.evalscript;
        this.responses = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.responses));
        this.width = b.width;
        this.height = b.height;
        this.resx = b.resx;
        this.resy = b.resy;
    }

    /**
     * Starts a request.
     *
     * @param evalscript the evalscript
     * @return the builder
     */
    public static Builder builder(String evalscript) {
        return new Builder(evalscript);
    }

    /**
     * Returns the responses by identifier.
     *
     * @return identifier to format, in request order
     */
    public Map<String, MimeType> responses() {
        return responses;
    }

    /**
     * Returns the data-collection inputs.
     *
     * @return the inputs
     */
    public List<InputData> inputs() {
        return inputs;
    }

    /**
     * Returns the Accept type: the single response's type, or tar for several.
     *
     * @return the type
     */
    public MimeType accept() {
        return responses.size() > 1 ? MimeType.TAR : responses.values().iterator().next();
    }

    /**
     * Builds the body.
     *
     * @return the JSON object
     */
    public ObjectNode body() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode body = f.objectNode();
        ObjectNode input = body.putObject("input");
        ObjectNode bounds = input.putObject("bounds");
        CRS crs = bbox != null ? bbox.crs() : geometryCrs;
        bounds.putObject("properties").put("crs", opengis(crs));
        if (bbox != null) {
            ArrayNode a = bounds.putArray("bbox");
            a.add(bbox.minX()).add(bbox.minY()).add(bbox.maxX()).add(bbox.maxY());
        }
        if (geometry != null) {
            bounds.set("geometry", geoJson(geometry));
        }
        ArrayNode data = input.putArray("data");
        for (InputData in : inputs) {
            data.add(in.toJson());
        }
        body.put("evalscript", evalscript);
        ObjectNode output = body.putObject("output");
        ArrayNode rs = output.putArray("responses");
        responses.forEach((id, type) -> {
            ObjectNode r = rs.addObject();
            r.put("identifier", id);
            r.putObject("format").put("type", type.mime());
        });
        if (width != null) {
            output.put("width", width);
            output.put("height", height);
        } else if (resx != null) {
            output.put("resx", resx);
            output.put("resy", resy);
        }
        return body;
    }

    /**
     * Returns the body as JSON text.
     *
     * @return the text
     */
    public String json() {
        try {
            return MAPPER.writeValueAsString(body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Builds the HTTP request to a deployment.
     *
     * @param baseUrl the base URL (e.g. {@code https://services.sentinel-hub.com})
     * @return {@code POST {base}/api/v1/process}, authenticated
     */
    public SHTransport.Request toHttp(URI baseUrl) {
        String b = baseUrl.toString();
        if (b.endsWith("/")) {
            b = b.substring(0, b.length() - 1);
        }
        return new SHTransport.Request("POST", URI.create(b + "/api/v1/process"), json(), accept().mime(), true);
    }

    /**
     * Returns the OGC URL of a CRS as the Process API names it.
     *
     * @param crs the CRS
     * @return {@code http://www.opengis.net/def/crs/EPSG/0/<code>}
     */
    public static String opengis(CRS crs) {
        return "http://www.opengis.net/def/crs/EPSG/0/" + crs.epsg();
    }

    /**
     * Writes a polygonal JTS geometry as GeoJSON without a CRS (shapely's {@code mapping}).
     *
     * @param g a Polygon or MultiPolygon
     * @return the GeoJSON object
     */
    public static ObjectNode geoJson(Geometry g) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode o = f.objectNode();
        if (g instanceof Polygon p) {
            o.put("type", "Polygon");
            o.set("coordinates", rings(p));
        } else if (g instanceof MultiPolygon mp) {
            o.put("type", "MultiPolygon");
            ArrayNode polys = o.putArray("coordinates");
            for (int i = 0; i < mp.getNumGeometries(); i++) {
                polys.add(rings((Polygon) mp.getGeometryN(i)));
            }
        } else {
            throw new IllegalArgumentException("geometry must be a Polygon or MultiPolygon, got "
                    + g.getGeometryType());
        }
        return o;
    }

    private static ArrayNode rings(Polygon p) {
        ArrayNode rings = JsonNodeFactory.instance.arrayNode();
        List<LineString> all = new ArrayList<>();
        all.add(p.getExteriorRing());
        for (int i = 0; i < p.getNumInteriorRing(); i++) {
            all.add(p.getInteriorRingN(i));
        }
        for (LineString ring : all) {
            ArrayNode r = rings.addArray();
            for (Coordinate c : ring.getCoordinates()) {
                r.addArray().add(c.x).add(c.y);
            }
        }
        return rings;
    }

    /**
     * Builds a {@link ProcessRequest}.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final String evalscript;
        private BBox bbox;
        private Geometry geometry;
        private CRS geometryCrs;
        private final List<InputData> inputs = new ArrayList<>();
        private final Map<String, MimeType> responses = new LinkedHashMap<>();
        private Integer width;
        private Integer height;
        private Double resx;
        private Double resy;

        private Builder(String evalscript) {
            this.evalscript = evalscript;
        }

        /**
         * Sets the bounding box.
         *
         * @param value the box
         * @return this
         */
        public Builder bbox(BBox value) {
            this.bbox = value;
            return this;
        }

        /**
         * Sets the geometry (sent as GeoJSON).
         *
         * @param value a Polygon or MultiPolygon
         * @param crs   its CRS
         * @return this
         */
        public Builder geometry(Geometry value, CRS crs) {
            this.geometry = value;
            this.geometryCrs = value == null ? null : Objects.requireNonNull(crs, "crs");
            return this;
        }

        /**
         * Adds an input data entry.
         *
         * @param value the entry
         * @return this
         */
        public Builder input(InputData value) {
            inputs.add(Objects.requireNonNull(value));
            return this;
        }

        /**
         * Adds a response.
         *
         * @param identifier the output id of the evalscript ({@code default}, a band name, {@code userdata})
         * @param type       its format
         * @return this
         */
        public Builder response(String identifier, MimeType type) {
            if (responses.put(Objects.requireNonNull(identifier), Objects.requireNonNull(type)) != null) {
                throw new IllegalArgumentException("response '" + identifier + "' is given twice");
            }
            return this;
        }

        /**
         * Sets the image size in pixels.
         *
         * @param w width, positive
         * @param h height, positive
         * @return this
         */
        public Builder size(int w, int h) {
            if (w <= 0 || h <= 0) {
                throw new IllegalArgumentException("size must be positive, got (" + w + ", " + h + ")");
            }
            this.width = w;
            this.height = h;
            return this;
        }

        /**
         * Sets the resolution in CRS units (degrees for WGS84).
         *
         * @param x the horizontal resolution, positive
         * @param y the vertical resolution, positive
         * @return this
         */
        public Builder resolution(double x, double y) {
            if (!(x > 0) || !(y > 0)) {
                throw new IllegalArgumentException("resolution must be positive, got (" + x + ", " + y + ")");
            }
            this.resx = x;
            this.resy = y;
            return this;
        }

        /**
         * Builds the request.
         *
         * @return the request
         */
        public ProcessRequest build() {
            return new ProcessRequest(this);
        }
    }
}
