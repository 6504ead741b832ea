package org.eolearn.io.sentinelhub;

import java.util.List;
import java.util.Objects;
import org.eolearn.core.DType;

/**
 * A band of a data collection (sentinelhub-py's {@code Band}): its name, the units it can be served in and the
 * array type of each unit, position by position; the first unit is the default.
 *
 * <pre>{@code
 * Band b02 = new Band("B02", List.of(Unit.REFLECTANCE, Unit.DN), List.of(DType.FLOAT32, DType.UINT16));
 * }</pre>
 *
 * @param name        the band name as Sentinel Hub spells it (e.g. {@code B02}, {@code dataMask})
 * @param units       the units, default first
 * @param outputTypes the array type of each unit
 * @since 0.1
 */
public record Band(String name, List<Unit> units, List<DType> outputTypes) {

    /**
     * Validates the band.
     *
     * @param name        not blank
     * @param units       not empty
     * @param outputTypes as many as units
     */
    public Band {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("band name must not be blank");
        }
        units = List.copyOf(units);
        outputTypes = List.copyOf(outputTypes);
        if (units.isEmpty() || units.size() != outputTypes.size()) {
            throw new IllegalArgumentException("band " + name + " needs as many output types as units (at least "
                    + "one), got " + units + " and " + outputTypes);
        }
    }

    /**
     * A band with one unit.
     *
     * @param name the name
     * @param unit the unit
     * @param type its array type
     * @return the band
     */
    public static Band of(String name, Unit unit, DType type) {
        return new Band(name, List.of(unit), List.of(type));
    }

    /**
     * The index of the unit that sentinelhub-py's {@code generate_evalscript} chooses: DN when
     * {@code prioritizeDn} and the band has it, else the default.
     *
     * @param prioritizeDn whether to prefer DN
     * @return the unit index
     */
    public int unitChoice(boolean prioritizeDn) {
        int dn = units.indexOf(Unit.DN);
        return prioritizeDn && dn >= 0 ? dn : 0;
    }
}
