package org.eolearn.io.stac;

import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Turns an asset into what to fetch it with: the URL and headers (a pluggable step between search and
 * download, where catalogues that need it add their tokens).
 *
 * <pre>{@code
 * AssetSigner signer = stac.signer();               // the catalogue's signer
 * SignedAsset red = signer.sign(item, "red");       // by key or band name
 * AssetSigner custom = AssetSigner.header("X-Api-Key", () -> System.getenv("MY_KEY"));
 * }</pre>
 *
 * <p>Implementations must be thread-safe and must keep their secrets out of exception messages and logs.
 */
@FunctionalInterface
public interface AssetSigner {

    /** Fetches every asset as it is: its href, no headers. */
    AssetSigner NONE = (item, asset) -> SignedAsset.of(asset.href());

    /**
     * Signs an asset.
     *
     * @param item the item the asset belongs to
     * @param asset the asset
     * @return the URL and headers to fetch it with
     */
    SignedAsset sign(StacItem item, StacAsset asset);

    /**
     * Signs an item's asset found by {@link StacItem#asset(String)}.
     *
     * @param item the item
     * @param keyOrBandName an asset key, band name or common name
     * @return the URL and headers to fetch it with
     * @throws IllegalArgumentException if the item has no such asset
     */
    default SignedAsset sign(StacItem item, String keyOrBandName) {
        return sign(item, item.asset(keyOrBandName));
    }

    /**
     * A signer that adds one header, its value asked for at each signing (so that a refreshed token is used).
     *
     * @param name the header name
     * @param value the value supplier, e.g. {@code session::token} wrapped by {@link #bearer(Supplier)}
     * @return the signer
     */
    static AssetSigner header(String name, Supplier<String> value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        return (item, asset) -> new SignedAsset(asset.href(), Map.of(name, Objects.requireNonNull(value.get(),
                "the value of header " + name)));
    }

    /**
     * A signer that adds {@code Authorization: Bearer <token>}.
     *
     * @param token the token supplier, asked at each signing (e.g. {@code session::token} of a
     *     {@link org.eolearn.io.sentinelhub.client.SentinelHubSession})
     * @return the signer
     */
    static AssetSigner bearer(Supplier<String> token) {
        Objects.requireNonNull(token, "token");
        return header("Authorization", () -> "Bearer " + Objects.requireNonNull(token.get(), "the bearer token"));
    }
}
