package org.eolearn.io.raster;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;
import org.eolearn.core.DType;

/**
 * A georeferenced raster held in memory: {@code bands × height × width} samples of one dtype, band-sequential
 * (band, row, column) in little-endian byte order, with an affine geotransform, a CRS and a no-data value.
 *
 * <p>The geotransform is GDAL's six numbers {@code (x0, dx, rx, y0, ry, dy)}: the pixel corner (column c, row r)
 * is at {@code x = x0 + c·dx + r·rx}, {@code y = y0 + c·ry + r·dy}. Instances are immutable (the data buffer is
 * read-only).
 *
 * @param type         the sample type
 * @param bands        the number of bands, at least 1
 * @param height       rows
 * @param width        columns
 * @param data         {@code bands · height · width · itemSize} little-endian bytes
 * @param geoTransform GDAL's geotransform, or null when the image is not georeferenced
 * @param epsg         the EPSG code of the CRS, or null when unknown
 * @param noData       the no-data value, or null
 * @since 0.1
 */
public record GeoRaster(DType type, int bands, int height, int width, ByteBuffer data, double[] geoTransform,
                        Integer epsg, Double noData) {

    /**
     * Validates the sizes.
     *
     * @param type         the sample type
     * @param bands        at least 1
     * @param height       at least 0
     * @param width        at least 0
     * @param data         exactly the right number of bytes
     * @param geoTransform null or 6 numbers
     * @param epsg         null or positive
     * @param noData       null or a value
     */
    public GeoRaster {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
        if (bands < 1 || height < 0 || width < 0) {
            throw new IllegalArgumentException("invalid raster size " + bands + " x " + height + " x " + width);
        }
        long needed = (long) bands * height * width * type.itemSize();
        if (data.remaining() != needed) {
            throw new IllegalArgumentException("expected " + needed + " bytes for " + bands + " x " + height + " x "
                    + width + " " + type.numpyName() + " samples, got " + data.remaining());
        }
        if (geoTransform != null && geoTransform.length != 6) {
            throw new IllegalArgumentException("geoTransform needs 6 numbers, got " + geoTransform.length);
        }
        data = data.slice().order(ByteOrder.LITTLE_ENDIAN).asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
        geoTransform = geoTransform == null ? null : geoTransform.clone();
    }

    /**
     * Returns a copy of the geotransform.
     *
     * @return the six numbers, or null
     */
    @Override
    public double[] geoTransform() {
        return geoTransform == null ? null : geoTransform.clone();
    }

    /**
     * Returns the bounds {@code {minX, minY, maxX, maxY}} of a north-up raster.
     *
     * @return the bounds
     * @throws IllegalStateException if the raster has no geotransform
     */
    public double[] bounds() {
        if (geoTransform == null) {
            throw new IllegalStateException("raster is not georeferenced");
        }
        double x0 = geoTransform[0];
        double x1 = geoTransform[0] + width * geoTransform[1] + height * geoTransform[2];
        double y0 = geoTransform[3];
        double y1 = geoTransform[3] + width * geoTransform[4] + height * geoTransform[5];
        return new double[] {Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1)};
    }

    /**
     * The geotransform that maps the pixel grid of {@code width × height} onto bounds, north up
     * (rasterio's {@code transform.from_bounds}).
     *
     * @param minX   west
     * @param minY   south
     * @param maxX   east
     * @param maxY   north
     * @param width  columns
     * @param height rows
     * @return GDAL's six numbers
     */
    public static double[] transformFromBounds(double minX, double minY, double maxX, double maxY, int width,
                                               int height) {
        return new double[] {minX, (maxX - minX) / width, 0, maxY, 0, (minY - maxY) / height};
    }

    /**
     * One sample as a double, by its index in the band-sequential order (band, row, column).
     *
     * @param index the index
     * @return the value (unsigned types as unsigned)
     */
    public double sample(int index) {
        ByteBuffer b = data;
        switch (type) {
            case BOOL: case UINT8: return b.get(index) & 0xFF;
            case INT8: return b.get(index);
            case UINT16: return b.getShort(2 * index) & 0xFFFF;
            case INT16: return b.getShort(2 * index);
            case UINT32: return b.getInt(4 * index) & 0xFFFFFFFFL;
            case INT32: return b.getInt(4 * index);
            case INT64: return b.getLong(8 * index);
            case UINT64: {
                long v = b.getLong(8 * index);
                return v >= 0 ? v : (v >>> 1) * 2.0 + (v & 1);
            }
            case FLOAT32: return b.getFloat(4 * index);
            case FLOAT64: return b.getDouble(8 * index);
            default: throw new IllegalArgumentException("unsupported sample type " + type.numpyName());
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GeoRaster r && type == r.type && bands == r.bands && height == r.height
                && width == r.width && data.equals(r.data) && Arrays.equals(geoTransform, r.geoTransform)
                && Objects.equals(epsg, r.epsg) && Objects.equals(noData, r.noData);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, bands, height, width, data, Arrays.hashCode(geoTransform), epsg, noData);
    }

    @Override
    public String toString() {
        return "GeoRaster[" + bands + " x " + height + " x " + width + " " + type.numpyName() + ", transform="
                + Arrays.toString(geoTransform) + ", epsg=" + epsg + ", noData=" + noData + "]";
    }
}
