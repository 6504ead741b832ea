package org.eolearn.io.stac;

/**
 * One band of an asset, merged by index from the STAC 1.0 {@code eo:bands} (name, common name) and
 * {@code raster:bands} (nodata, data type, scale, offset) arrays and from the STAC 1.1 {@code bands} array
 * ({@code name}, {@code eo:common_name}, {@code nodata}, {@code data_type}, {@code raster:scale},
 * {@code raster:offset}); values set on the asset itself apply to every band that does not set its own.
 *
 * <pre>{@code
 * StacBand red = item.asset("red").bands().get(0);
 * double reflectance = digitalNumber * red.scale() + red.offset();
 * }</pre>
 *
 * @param name the band name (e.g. {@code B04}), or {@code null}
 * @param commonName the common name (e.g. {@code red}), or {@code null}
 * @param nodata the no-data value ({@code NaN} and infinities allowed), or {@code null} when not given
 * @param dataType the data type (e.g. {@code uint16}), or {@code null}
 * @param scale the factor from stored values to physical values (1 when not given)
 * @param offset the offset added after scaling (0 when not given)
 */
public record StacBand(String name, String commonName, Double nodata, String dataType, double scale, double offset) {

    /**
     * A physical value from a stored one: {@code raw * scale + offset}.
     *
     * @param raw the stored value
     * @return the physical value
     */
    public double apply(double raw) {
        return raw * scale + offset;
    }

    /**
     * Whether this band is called a name, as its name or common name (case-insensitive).
     *
     * @param nameOrCommonName the name
     * @return true when the name or the common name is that name
     */
    public boolean isCalled(String nameOrCommonName) {
        return nameOrCommonName != null
                && (nameOrCommonName.equalsIgnoreCase(name) || nameOrCommonName.equalsIgnoreCase(commonName));
    }
}
