/**
 * A STAC API client (SpatioTemporal Asset Catalog): landing page, conformance classes, collections and
 * Item Search with paging, over the module's {@link org.eolearn.io.sentinelhub.client.DownloadClient}, so that
 * retries of HTTP 429 and 5xx, rate limits and the on-disk cache are those of every other download.
 *
 * <ul>
 *   <li>{@link org.eolearn.io.stac.StacClient} talks to one catalogue;
 *       {@link org.eolearn.io.stac.StacSearch} is an immutable search (collections, bbox or intersects,
 *       datetime interval, maximum cloud cover, sort order, page size, item cap).
 *   <li>{@link org.eolearn.io.stac.StacItem}, {@link org.eolearn.io.stac.StacAsset} and
 *       {@link org.eolearn.io.stac.StacBand} are the answers, read from STAC 1.0 ({@code eo:bands},
 *       {@code raster:bands}, {@code proj:epsg}) and STAC 1.1 ({@code bands}, {@code proj:code}).
 *   <li>{@link org.eolearn.io.stac.Catalogue} holds presets (Earth Search, Planetary Computer, Copernicus Data
 *       Space Ecosystem) with their Sentinel-2 asset keys; {@link org.eolearn.io.stac.AssetSigner} turns an asset
 *       into the URL and headers to fetch it ({@link org.eolearn.io.stac.PlanetaryComputerSigner} appends
 *       Planetary Computer's SAS tokens).
 * </ul>
 *
 * <p>Secrets (SAS tokens, bearer tokens) never appear in exception messages, log records or {@code toString}
 * results.
 */
package org.eolearn.io.stac;
