package org.eolearn.io.sentinelhub;

import java.net.URI;
import java.util.Objects;

/**
 * What the input tasks need to reach Sentinel Hub: the transport, the base URL of the deployment
 * ({@code https://services.sentinel-hub.com}) and the OGC instance id (used only by the 2018 OGC tasks).
 *
 * <p>Tasks built by name from JSON use {@link #defaultContext()}, which the application sets once with
 * {@link #setDefault(SentinelHubContext)} (the module's configuration does it from {@code SHConfig}).
 *
 * @param transport  the transport
 * @param baseUrl    the service base URL, without a trailing slash
 * @param instanceId the OGC instance id, or an empty string
 * @since 0.1
 */
public record SentinelHubContext(SHTransport transport, URI baseUrl, String instanceId) {

    private static volatile SentinelHubContext defaultContext;

    /**
     * Validates the context and drops a trailing slash from the base URL.
     *
     * @param transport  not null
     * @param baseUrl    an absolute URL
     * @param instanceId null becomes empty
     */
    public SentinelHubContext {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(baseUrl, "baseUrl");
        if (!baseUrl.isAbsolute()) {
            throw new IllegalArgumentException("baseUrl must be absolute, got " + baseUrl);
        }
        String s = baseUrl.toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        baseUrl = URI.create(s);
        instanceId = instanceId == null ? "" : instanceId;
    }

    /**
     * Sets the context used by tasks created from JSON.
     *
     * @param context the context, or null to clear it
     */
    public static void setDefault(SentinelHubContext context) {
        defaultContext = context;
    }

    /**
     * Returns the context set with {@link #setDefault(SentinelHubContext)}.
     *
     * @return the context
     * @throws IllegalStateException if none was set
     */
    public static SentinelHubContext defaultContext() {
        SentinelHubContext c = defaultContext;
        if (c == null) {
            throw new IllegalStateException("no Sentinel Hub context: call SentinelHubContext.setDefault(...) with a "
                    + "transport, the base URL and the instance id before creating Sentinel Hub tasks by name");
        }
        return c;
    }

    /**
     * Returns the base URL for a collection: its own service URL if it has one (as sentinelhub-py's predefined
     * collections do), else this context's.
     *
     * @param collection the collection
     * @return the base URL, without a trailing slash
     */
    public URI baseUrlFor(DataCollection collection) {
        URI u = collection.serviceUrl();
        if (u == null) {
            return baseUrl;
        }
        String s = u.toString();
        return URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    }
}
