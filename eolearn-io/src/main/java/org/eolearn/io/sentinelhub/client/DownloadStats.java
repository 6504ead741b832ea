package org.eolearn.io.sentinelhub.client;

/**
 * Counters of a {@link DownloadClient} since it was created.
 *
 * @param requests requests asked for (cache hits included)
 * @param attempts HTTP calls made for downloads (token requests not included)
 * @param retries attempts repeated after a temporary error, a 401 or a 429
 * @param rateLimited answers with HTTP 429
 * @param cacheHits requests answered from the on-disk cache without the network
 * @param failures requests that ended in a {@link DownloadFailedException}
 * @param bytes bytes of answer bodies received over the network
 */
public record DownloadStats(
        long requests, long attempts, long retries, long rateLimited, long cacheHits, long failures, long bytes) {
}
