package org.eolearn.io.sentinelhub;

/**
 * The HTTP transport the Sentinel Hub requests of this package run on: the integration adapts it to the module's
 * download client (OAuth2 session, retries, cache), tests implement it over a local server.
 *
 * @since 0.1
 */
public interface SHTransport {

    /**
     * One HTTP request: method, absolute URL, JSON body (null for GET), the Accept type; authenticated with the
     * OAuth2 session when {@code authenticated}.
     *
     * @param method        {@code GET} or {@code POST}
     * @param url           the absolute URL
     * @param jsonBody      the JSON body, or null
     * @param accept        the Accept MIME type
     * @param authenticated whether to send the session's bearer token
     */
    record Request(String method, java.net.URI url, String jsonBody, String accept, boolean authenticated) {
    }

    /**
     * Runs the requests (in parallel if it can) and returns the answer bodies in request order; throws an
     * unchecked exception naming the failed request.
     *
     * @param requests the requests
     * @return the bodies, in request order
     */
    java.util.List<byte[]> execute(java.util.List<Request> requests);
}
