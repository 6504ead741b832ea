/**
 * Sentinel Hub requests and input tasks (sentinelhub-py 3.11.5 and eo-learn 1.5.6, plus the 2018 OGC API of
 * sentinelhub-py 2.4.6 and eo-learn 0.3.3): data collections with their bands ({@link
 * org.eolearn.io.sentinelhub.DataCollection}), evalscript generation ({@link org.eolearn.io.sentinelhub.Evalscripts}),
 * Process API requests and answer decoding ({@link org.eolearn.io.sentinelhub.ProcessRequest},
 * {@link org.eolearn.io.sentinelhub.Responses}), the Catalog ({@link org.eolearn.io.sentinelhub.Catalog}), OGC URLs
 * ({@link org.eolearn.io.sentinelhub.OgcRequests}) and the tasks ({@link
 * org.eolearn.io.sentinelhub.SentinelHubInputTask}, {@link org.eolearn.io.sentinelhub.SentinelHubEvalscriptTask},
 * {@link org.eolearn.io.sentinelhub.SentinelHubDemTask}, {@link org.eolearn.io.sentinelhub.SentinelHubOGCInput}).
 *
 * <p>Everything runs on an {@link org.eolearn.io.sentinelhub.SHTransport} given through a
 * {@link org.eolearn.io.sentinelhub.SentinelHubContext}; the module's HTTP client (OAuth2, retries, cache) provides
 * the real one.
 */
package org.eolearn.io.sentinelhub;
