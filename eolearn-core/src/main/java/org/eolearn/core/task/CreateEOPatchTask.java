package org.eolearn.core.task;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eolearn.core.BBox;
import org.eolearn.core.EOPatch;
import org.eolearn.core.FeatureType;

/**
 * Creates a patch from execute arguments (eo-learn's {@code CreateEOPatchTask}): {@code bbox} (a {@link BBox}),
 * {@code timestamps} (dates or ISO strings) and, per feature type value ({@code data}, {@code meta_info}, ...), a
 * map of features.
 *
 * @since 0.1
 */
public final class CreateEOPatchTask implements EOTask {

    @Override
    public Object execute(List<Object> inputs, Map<String, Object> args) {
        if (!inputs.isEmpty()) {
            throw new IllegalArgumentException(name() + " takes no inputs, got " + Tasks.describeInputs(inputs));
        }
        EOPatch patch = new EOPatch();
        for (Map.Entry<String, Object> e : args.entrySet()) {
            String key = e.getKey();
            Object v = e.getValue();
            if (key.equals("bbox")) {
                if (v != null && !(v instanceof BBox)) {
                    throw new IllegalArgumentException("bbox must be a BBox, got " + v.getClass().getSimpleName());
                }
                patch.setBbox((BBox) v);
            } else if (key.equals("timestamps")) {
                patch.setTimestamps(v == null ? null : dates(v));
            } else if (FeatureType.hasValue(key)) {
                if (!(v instanceof Map)) {
                    throw new IllegalArgumentException(key + " must be a map of feature names to values");
                }
                for (Map.Entry<?, ?> f : ((Map<?, ?>) v).entrySet()) {
                    patch.put(FeatureType.fromValue(key), String.valueOf(f.getKey()), f.getValue());
                }
            } else {
                throw new IllegalArgumentException(name() + " got the unknown execute argument '" + key + "'");
            }
        }
        return patch;
    }

    private static List<LocalDateTime> dates(Object v) {
        if (!(v instanceof List)) {
            throw new IllegalArgumentException("timestamps must be a list");
        }
        List<LocalDateTime> out = new ArrayList<>();
        for (Object o : (List<?>) v) {
            out.add(o instanceof LocalDateTime ? (LocalDateTime) o : ParamValues.dateTime(String.valueOf(o),
                    "timestamps"));
        }
        return out;
    }
}
