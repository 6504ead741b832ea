package org.eolearn.examples.water;

import java.util.List;
import java.util.Map;
import org.eolearn.core.CRS;
import org.eolearn.core.EOPatch;
import org.eolearn.core.Feature;
import org.eolearn.core.FeatureType;
import org.eolearn.core.GeoTable;
import org.eolearn.core.task.EOTask;
import org.eolearn.core.task.Tasks;
import org.locationtech.jts.geom.Geometry;

/**
 * Puts a reservoir's nominal outline into the patch as a one-row VECTOR_TIMELESS table, from the execute arguments
 * {@code outline} (a JTS geometry) and {@code crs} (its {@link CRS}), so one workflow serves many reservoirs.
 *
 * @since 0.1
 */
public final class NominalOutlineTask implements EOTask {

    private final Feature output;

    /**
     * Creates the task.
     *
     * @param output the VECTOR_TIMELESS feature to write
     */
    public NominalOutlineTask(Feature output) {
        this.output = Feature.requireType(output, FeatureType.VECTOR_TIMELESS, "outline_feature");
    }

    @Override
    public Object execute(List<Object> inputs, Map<String, Object> args) {
        Tasks.checkArgs(this, args, "outline", "crs");
        EOPatch patch = Tasks.singlePatch(this, inputs);
        Object outline = args.get("outline");
        Object crs = args.get("crs");
        if (!(outline instanceof Geometry) || ((Geometry) outline).isEmpty()) {
            throw new IllegalArgumentException("outline must be a non-empty polygon, got " + outline);
        }
        Geometry g = (Geometry) outline;
        if (!g.isValid()) {
            throw new IllegalArgumentException("the nominal outline is not a valid polygon ("
                    + new org.locationtech.jts.operation.valid.IsValidOp(g).getValidationError() + ")");
        }
        if (g.getArea() <= 0) {
            throw new IllegalArgumentException("the nominal outline has no area");
        }
        patch.put(output, GeoTable.builder((CRS) crs).row(g).build());
        return patch;
    }

    @Override
    public Map<String, Object> describe() {
        return Tasks.describe("outline_feature", output);
    }
}
