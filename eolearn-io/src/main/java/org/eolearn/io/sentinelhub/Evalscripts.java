package org.eolearn.io.sentinelhub;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.eolearn.core.DType;

/**
 * Evalscript (v3) generation from a band list, as sentinelhub-py 3.11.5's {@code generate_evalscript} writes it
 * (the text is the same character for character): input bands and units, one output per band (or the bands merged
 * into one output plus one output per meta-band), the {@code norm_factor} user data and the return object.
 *
 * <pre>{@code
 * String script = Evalscripts.generate(DataCollection.SENTINEL2_L1C, List.of("B02", "B03"), List.of("dataMask"),
 *         null, false);   // REFLECTANCE FLOAT32 outputs B02, B03 and a UINT8 dataMask
 * }</pre>
 *
 * @since 0.1
 */
public final class Evalscripts {

    private Evalscripts() {
    }

    /**
     * The Process API sample type of an array type: bool and uint8 → {@code UINT8}, uint16 → {@code UINT16},
     * float32 → {@code FLOAT32} (sentinelhub-py's {@code DTYPE_TO_SAMPLE_TYPE}).
     *
     * @param type the array type
     * @return the sample type
     * @throws IllegalArgumentException for other types
     */
    public static String sampleType(DType type) {
        switch (type) {
            case BOOL:
            case UINT8:
                return "UINT8";
            case UINT16:
                return "UINT16";
            case FLOAT32:
                return "FLOAT32";
            default:
                throw new IllegalArgumentException("no evalscript sample type for " + type.numpyName()
                        + " (only bool, uint8, uint16 and float32 have one)");
        }
    }

    /**
     * Generates the evalscript.
     *
     * @param collection        the data collection
     * @param bands             band names, null for all the collection's bands
     * @param metaBands         meta-band names (e.g. {@code dataMask}, {@code CLM}), null for none
     * @param mergedBandsOutput the id of one output holding all {@code bands}, or null for one output per band
     * @param prioritizeDn      whether to use DN units where the band has them
     * @return the evalscript text (starting with a newline, as sentinelhub-py's template)
     * @throws IllegalArgumentException naming an unknown band
     */
    public static String generate(DataCollection collection, List<String> bands, List<String> metaBands,
            String mergedBandsOutput, boolean prioritizeDn) {
        List<String> bandNames = bands != null ? bands : collection.bands().stream().map(Band::name).toList();
        List<String> metaNames = metaBands != null ? metaBands : List.of();
        List<String> all = new ArrayList<>(bandNames);
        all.addAll(metaNames);
        List<String> inputNames = new ArrayList<>();
        List<String> inputUnits = new ArrayList<>();
        Map<String, String> sampleTypes = new LinkedHashMap<>();
        for (Band band : collection.bands(all)) {
            int idx = band.unitChoice(prioritizeDn);
            sampleTypes.put(band.name(), sampleType(band.outputTypes().get(idx)));
            inputNames.add("\"" + band.name() + "\"");
            inputUnits.add("\"" + band.units().get(idx).name() + "\"");
        }
        List<String> outputSpec = new ArrayList<>();
        List<String> returnSpec = new ArrayList<>();
        if (mergedBandsOutput != null) {
            if (bandNames.isEmpty()) {
                throw new IllegalArgumentException("bands must not be empty when merged into output '"
                        + mergedBandsOutput + "'");
            }
            outputSpec.add("{id: \"" + mergedBandsOutput + "\", bands: " + bandNames.size() + ", sampleType: \""
                    + sampleTypes.get(bandNames.get(0)) + "\"}");
            returnSpec.add(mergedBandsOutput + ": [" + bandNames.stream().map(b -> "sample." + b)
                    .collect(Collectors.joining(", ")) + "]");
        }
        for (Map.Entry<String, String> e : sampleTypes.entrySet()) {
            if (mergedBandsOutput != null && bandNames.contains(e.getKey())) {
                continue;
            }
            outputSpec.add("{id: \"" + e.getKey() + "\", bands: 1, sampleType: \"" + e.getValue() + "\"}");
            returnSpec.add(e.getKey() + ": [sample." + e.getKey() + "]");
        }
        return "\n//VERSION=3\n\n"
                + "function setup() {\n"
                + "    return {\n"
                + "        input: [{\n"
                + "            bands: [" + String.join(", ", inputNames) + "],\n"
                + "            units: [" + String.join(", ", inputUnits) + "]\n"
                + "        }],\n"
                + "        output: [" + String.join(", ", outputSpec) + "]\n"
                + "    }\n"
                + "}\n"
                + "\n"
                + "function updateOutputMetadata(scenes, inputMetadata, outputMetadata) {\n"
                + "    outputMetadata.userData = {\n"
                + "        \"norm_factor\":  inputMetadata.normalizationFactor\n"
                + "    }\n"
                + "}\n"
                + "\n"
                + "function evaluatePixel(sample) {\n"
                + "    return { " + String.join(", ", returnSpec) + " };\n"
                + "}\n";
    }
}
