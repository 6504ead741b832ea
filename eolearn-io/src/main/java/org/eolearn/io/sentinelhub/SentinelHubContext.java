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

    /** The hosts of Sentinel Hub's own deployments, whose collection bindings are honoured. */
    private static final java.util.Set<String> SENTINEL_HUB_DEPLOYMENTS = java.util.Set.of(
            "services.sentinel-hub.com", "services-uswest2.sentinel-hub.com", "creodias.sentinel-hub.com");

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
     * The context of a download client: its transport, and the base URL and instance id of its configuration.
     *
     * @param client the client
     * @return the context
     */
    public static SentinelHubContext of(org.eolearn.io.sentinelhub.client.DownloadClient client) {
        return new SentinelHubContext(new DownloadClientTransport(client), client.config().shBaseUrl(),
                client.config().instanceId());
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
     * Returns the context set with {@link #setDefault(SentinelHubContext)}, or else one made from the configuration
     * ({@code SHConfig.load()}: sentinelhub-py's config.toml and the {@code SH_*} environment variables).
     *
     * @return the context
     * @throws IllegalStateException if none was set and no credentials are configured
     */
    public static SentinelHubContext defaultContext() {
        SentinelHubContext c = defaultContext;
        if (c != null) {
            return c;
        }
        synchronized (SentinelHubContext.class) {
            if (defaultContext == null) {
                // as sentinelhub-py: the configuration of config.toml and the SH_* environment variables
                org.eolearn.io.sentinelhub.client.SHConfig config = org.eolearn.io.sentinelhub.client.SHConfig.load();
                if (!config.hasCredentials()) {
                    throw new IllegalStateException("no Sentinel Hub credentials: set SH_CLIENT_ID and "
                            + "SH_CLIENT_SECRET, or sh_client_id and sh_client_secret in sentinelhub's config.toml, "
                            + "or call SentinelHubContext.setDefault(...)");
                }
                defaultContext = of(org.eolearn.io.sentinelhub.client.DownloadClient.create(config));
            }
            return defaultContext;
        }
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
        if (u == null || !SENTINEL_HUB_DEPLOYMENTS.contains(baseUrl.getHost())) {
            // a context on another deployment (the Copernicus Data Space Ecosystem, a local server) serves every
            // collection itself: sentinelhub-py would send the request to the collection's commercial deployment
            return baseUrl;
        }
        String s = u.toString();
        return URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    }
}
