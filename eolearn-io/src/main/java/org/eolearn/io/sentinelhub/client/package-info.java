/**
 * Sentinel Hub access: configuration ({@link org.eolearn.io.sentinelhub.client.SHConfig}, read like
 * sentinelhub-py's {@code config.toml} and environment), OAuth2 client-credentials tokens
 * ({@link org.eolearn.io.sentinelhub.client.SentinelHubSession}) and a parallel download client with
 * retries, rate-limit handling, answer validation and an on-disk cache
 * ({@link org.eolearn.io.sentinelhub.client.DownloadClient}). Both retry by one
 * {@link org.eolearn.io.sentinelhub.client.RetryPolicy}, applied by OkHttp interceptors, with an injected clock
 * and {@link org.eolearn.io.sentinelhub.client.Sleeper}.
 *
 * <p>Secrets (the client secret, access tokens, the {@code Authorization} header and the instance ID)
 * never appear in log records, exception messages, {@code toString} results or cache files.
 */
package org.eolearn.io.sentinelhub.client;
