package org.eolearn.io.stac;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One asset of a {@link StacItem}: where the file is and what it holds.
 *
 * <p>The projection fields ({@code proj:epsg} or {@code proj:code}, {@code proj:shape},
 * {@code proj:transform}) are the asset's own when it has them, otherwise the item's: a 20 m band of a
 * Sentinel-2 item has its own shape and transform, while the EPSG code is usually set once on the item.
 *
 * <pre>{@code
 * StacAsset red = item.asset("red");
 * URI file = red.href();                       // absolute: relative hrefs are resolved
 * List<Integer> shape = red.shape();           // [rows, columns], e.g. [10980, 10980]
 * SignedAsset fetch = signer.sign(item, red);  // the URL and headers to read it with
 * }</pre>
 *
 * @param key the asset's key in the item (e.g. {@code red} or {@code B04})
 * @param href the absolute URI of the file, resolved against the item's {@code self} link or the page URL
 * @param type the media type (e.g. {@code image/tiff; application=geotiff; profile=cloud-optimized}), or
 *     {@code null}
 * @param roles the roles (e.g. {@code data}, {@code thumbnail}), empty when not given
 * @param title the title, or {@code null}
 * @param bands the bands, empty when the asset describes none
 * @param epsg the EPSG code of the asset's grid (its own or the item's), or {@code null}
 * @param shape {@code proj:shape} ([rows, columns]), the asset's own or the item's, empty when not given
 * @param transform {@code proj:transform} (the six or nine affine coefficients), the asset's own or the
 *     item's, empty when not given
 * @param alternates the hrefs of the alternate-assets extension by name (e.g. {@code https} beside an
 *     {@code s3://} href), resolved like {@code href}; empty when none
 */
public record StacAsset(String key, URI href, String type, List<String> roles, String title, List<StacBand> bands,
        Integer epsg, List<Integer> shape, List<Double> transform, Map<String, URI> alternates) {

    /**
     * Validates and copies the arguments.
     *
     * @param key the key
     * @param href the absolute URI
     * @param type the media type, or {@code null}
     * @param roles the roles, or {@code null} for none
     * @param title the title, or {@code null}
     * @param bands the bands, or {@code null} for none
     * @param epsg the EPSG code, or {@code null}
     * @param shape the shape, or {@code null} for none
     * @param transform the transform, or {@code null} for none
     * @param alternates the alternate hrefs, or {@code null} for none
     */
    public StacAsset {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(href, "href");
        roles = roles == null ? List.of() : List.copyOf(roles);
        bands = bands == null ? List.of() : List.copyOf(bands);
        shape = shape == null ? List.of() : List.copyOf(shape);
        transform = transform == null ? List.of() : List.copyOf(transform);
        alternates = alternates == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(alternates));
    }

    /**
     * Whether the asset has a role.
     *
     * @param role the role, e.g. {@code data}
     * @return true when {@link #roles()} holds it
     */
    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /**
     * Whether one of the asset's bands is called a name.
     *
     * @param nameOrCommonName a band name or common name (case-insensitive)
     * @return true when a band has that name or common name
     */
    public boolean hasBand(String nameOrCommonName) {
        return bands.stream().anyMatch(b -> b.isCalled(nameOrCommonName));
    }
}
