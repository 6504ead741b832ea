package org.eolearn.io.sentinelhub.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Sentinel Hub configuration: credentials, service URLs and download settings. Immutable; build one
 * with {@link #builder()}, start from a preset ({@link #sentinelHub()}, {@link #copernicusDataSpace()}) or
 * read the user's settings the way sentinelhub-py does with {@link #load()}.
 *
 * <p>{@link #toString()} masks the credentials (instance ID, client ID and client secret) like
 * sentinelhub-py: all characters but the last four are replaced with {@code *}, and values of ten
 * characters or fewer are masked completely.
 */
public final class SHConfig {
    private static final Logger LOG = LoggerFactory.getLogger(SHConfig.class);

    /** The profile read when neither an argument nor {@value #ENV_PROFILE} names one. */
    public static final String DEFAULT_PROFILE = "default-profile";
    /** Environment variable naming the profile (sentinelhub-py's name). */
    public static final String ENV_PROFILE = "SH_PROFILE";
    /** Environment variable overriding the client ID (sentinelhub-py's name). */
    public static final String ENV_CLIENT_ID = "SH_CLIENT_ID";
    /** Environment variable overriding the client secret (sentinelhub-py's name). */
    public static final String ENV_CLIENT_SECRET = "SH_CLIENT_SECRET";
    /** Environment variable overriding the instance ID (an addition of this library). */
    public static final String ENV_INSTANCE_ID = "SH_INSTANCE_ID";
    /** Environment variable overriding the base URL (an addition of this library). */
    public static final String ENV_BASE_URL = "SH_BASE_URL";
    /** Environment variable overriding the token URL (an addition of this library). */
    public static final String ENV_TOKEN_URL = "SH_TOKEN_URL";

    /** Base URL of the main Sentinel Hub deployment. */
    public static final URI SH_BASE_URL = URI.create("https://services.sentinel-hub.com");
    /** Token URL of the main Sentinel Hub deployment. */
    public static final URI SH_TOKEN_URL =
            URI.create("https://services.sentinel-hub.com/auth/realms/main/protocol/openid-connect/token");
    /** Base URL of the Copernicus Data Space Ecosystem. */
    public static final URI CDSE_BASE_URL = URI.create("https://sh.dataspace.copernicus.eu");
    /** Token URL of the Copernicus Data Space Ecosystem. */
    public static final URI CDSE_TOKEN_URL = URI.create(
            "https://identity.dataspace.copernicus.eu/auth/realms/CDSE/protocol/openid-connect/token");

    /**
     * The hosts treated as Sentinel Hub services by default ({@link #sentinelHubHosts()}): every host under
     * {@code sentinel-hub.com} (an entry starting with a dot matches the domain and its subdomains) and the
     * Copernicus Data Space Ecosystem's Sentinel Hub and identity hosts.
     */
    public static final Set<String> DEFAULT_SENTINEL_HUB_HOSTS =
            Set.of(".sentinel-hub.com", "sh.dataspace.copernicus.eu", "identity.dataspace.copernicus.eu");
    /** The default cap on one wait between attempts ({@link #maxRetryWait()}). */
    public static final Duration DEFAULT_MAX_RETRY_WAIT = Duration.ofSeconds(60);

    /** Keys of sentinelhub-py's config.toml that this library does not use (read without a warning). */
    private static final Set<String> IGNORED_KEYS = Set.of(
            "geopedia_wms_url", "geopedia_rest_url", "aws_access_key_id", "aws_secret_access_key",
            "aws_session_token", "aws_metadata_url", "aws_s3_l1c_bucket", "aws_s3_l2a_bucket", "opensearch_url",
            "max_wfs_records_per_query", "max_opensearch_records_per_query", "number_of_download_processes");

    private final String instanceId;
    private final String clientId;
    private final String clientSecret;
    private final URI shBaseUrl;
    private final URI shTokenUrl;
    private final int maxDownloadAttempts;
    private final Duration downloadSleepTime;
    private final Duration downloadTimeout;
    private final int maxThreads;
    private final Path cacheFolder;
    private final Integer maxRetries;
    private final Duration maxRetryWait;
    private final Set<String> sentinelHubHosts;

    private SHConfig(Builder b) {
        this.instanceId = Objects.requireNonNull(b.instanceId, "instanceId");
        this.clientId = Objects.requireNonNull(b.clientId, "clientId");
        this.clientSecret = Objects.requireNonNull(b.clientSecret, "clientSecret");
        this.shBaseUrl = checkUrl("shBaseUrl", b.shBaseUrl);
        this.shTokenUrl = checkUrl("shTokenUrl", b.shTokenUrl);
        if (b.maxDownloadAttempts < 1) {
            throw new IllegalArgumentException("maxDownloadAttempts must be at least 1, got " + b.maxDownloadAttempts);
        }
        this.maxDownloadAttempts = b.maxDownloadAttempts;
        this.downloadSleepTime = Objects.requireNonNull(b.downloadSleepTime, "downloadSleepTime");
        if (downloadSleepTime.isNegative()) {
            throw new IllegalArgumentException("downloadSleepTime must not be negative, got " + downloadSleepTime);
        }
        this.downloadTimeout = Objects.requireNonNull(b.downloadTimeout, "downloadTimeout");
        if (downloadTimeout.isNegative() || downloadTimeout.isZero()) {
            throw new IllegalArgumentException("downloadTimeout must be positive, got " + downloadTimeout);
        }
        if (b.maxThreads < 1) {
            throw new IllegalArgumentException("maxThreads must be at least 1, got " + b.maxThreads);
        }
        this.maxThreads = b.maxThreads;
        this.cacheFolder = b.cacheFolder;
        if (b.maxRetries != null && b.maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must not be negative, got " + b.maxRetries);
        }
        this.maxRetries = b.maxRetries;
        this.maxRetryWait = Objects.requireNonNull(b.maxRetryWait, "maxRetryWait");
        if (maxRetryWait.isNegative()) {
            throw new IllegalArgumentException("maxRetryWait must not be negative, got " + maxRetryWait);
        }
        Set<String> hosts = new LinkedHashSet<>();
        for (String h : Objects.requireNonNull(b.sentinelHubHosts, "sentinelHubHosts")) {
            String host = Objects.requireNonNull(h, "a Sentinel Hub host").trim().toLowerCase(Locale.ROOT);
            if (host.isEmpty() || host.equals(".") || host.contains("/") || host.contains(":")) {
                throw new IllegalArgumentException("a Sentinel Hub host must be a host name (or .domain), got '" + h + "'");
            }
            hosts.add(host);
        }
        this.sentinelHubHosts = Set.copyOf(hosts);
    }

    private static URI checkUrl(String name, URI url) {
        Objects.requireNonNull(url, name);
        String scheme = url.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                || url.getHost() == null) {
            throw new IllegalArgumentException(name + " must be an absolute http(s) URL, got " + url);
        }
        return url;
    }

    /**
     * A builder holding the defaults: the Sentinel Hub preset, no credentials, sentinelhub-py's download
     * settings (4 attempts, 5 s first sleep, 120 s timeout), {@code min(32, processors + 4)} threads (like
     * Python's thread pool) and no cache.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The defaults with the main Sentinel Hub deployment (services.sentinel-hub.com).
     *
     * @return the configuration
     */
    public static SHConfig sentinelHub() {
        return builder().build();
    }

    /**
     * The defaults with the Copernicus Data Space Ecosystem URLs.
     *
     * @return the configuration
     */
    public static SHConfig copernicusDataSpace() {
        return builder().copernicusDataSpace().build();
    }

    /**
     * A builder that starts from this configuration.
     *
     * @return a new builder holding this configuration's values
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.instanceId = instanceId;
        b.clientId = clientId;
        b.clientSecret = clientSecret;
        b.shBaseUrl = shBaseUrl;
        b.shTokenUrl = shTokenUrl;
        b.maxDownloadAttempts = maxDownloadAttempts;
        b.downloadSleepTime = downloadSleepTime;
        b.downloadTimeout = downloadTimeout;
        b.maxThreads = maxThreads;
        b.cacheFolder = cacheFolder;
        b.maxRetries = maxRetries;
        b.maxRetryWait = maxRetryWait;
        b.sentinelHubHosts = sentinelHubHosts;
        return b;
    }

    /**
     * The user's configuration, read like sentinelhub-py: the profile named by {@value #ENV_PROFILE}
     * (default {@value #DEFAULT_PROFILE}) of {@code $XDG_CONFIG_HOME/sentinelhub/config.toml} (or
     * {@code ~/.config/sentinelhub/config.toml}), then the environment variables.
     *
     * @return the configuration
     * @throws IllegalArgumentException if the profile is not in the file, or a value is invalid
     * @throws UncheckedIOException if the file cannot be read or parsed
     */
    public static SHConfig load() {
        Map<String, String> env = System.getenv();
        return load(configLocation(env), null, env);
    }

    /**
     * The default location of sentinelhub-py's configuration file for an environment.
     *
     * @param env the environment variables
     * @return {@code $XDG_CONFIG_HOME/sentinelhub/config.toml}, or {@code ~/.config/sentinelhub/config.toml}
     */
    public static Path configLocation(Map<String, String> env) {
        String xdg = env.get("XDG_CONFIG_HOME");
        Path folder = xdg != null && !xdg.isEmpty()
                ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return folder.resolve("sentinelhub").resolve("config.toml");
    }

    /**
     * Reads a configuration with explicit inputs. Precedence (lowest first): defaults, the profile of the
     * TOML file, the environment ({@value #ENV_CLIENT_ID} and {@value #ENV_CLIENT_SECRET} as in
     * sentinelhub-py; {@value #ENV_INSTANCE_ID}, {@value #ENV_BASE_URL} and {@value #ENV_TOKEN_URL} in
     * addition). A missing file counts as an empty default profile (sentinelhub-py would create it; this
     * method writes nothing).
     *
     * @param tomlFile the configuration file, which need not exist
     * @param profile the profile, or {@code null} for {@value #ENV_PROFILE} or else {@value #DEFAULT_PROFILE}
     * @param env the environment variables
     * @return the configuration
     * @throws IllegalArgumentException if the profile is not in the file, or a value is invalid
     * @throws UncheckedIOException if the file cannot be read or parsed
     */
    public static SHConfig load(Path tomlFile, String profile, Map<String, String> env) {
        Objects.requireNonNull(tomlFile, "tomlFile");
        Objects.requireNonNull(env, "env");
        String name = profile != null ? profile : env.getOrDefault(ENV_PROFILE, DEFAULT_PROFILE);
        Builder b = builder();
        if (Files.exists(tomlFile)) {
            JsonNode root;
            try {
                root = new TomlMapper().readTree(tomlFile.toFile());
            } catch (IOException e) {
                // Jackson's message may quote the file's content (secrets): keep only the location.
                throw new UncheckedIOException(new IOException("cannot parse the Sentinel Hub configuration " + tomlFile));
            }
            JsonNode section = root == null ? null : root.get(name);
            if (section == null || !section.isObject()) {
                throw new IllegalArgumentException("Profile `" + name + "` not found in configuration file " + tomlFile);
            }
            apply(b, section, tomlFile);
        } else if (!name.equals(DEFAULT_PROFILE)) {
            throw new IllegalArgumentException(
                    "Profile `" + name + "` not found: configuration file " + tomlFile + " does not exist");
        }
        String v;
        if ((v = env.get(ENV_CLIENT_ID)) != null) {
            b.clientId(v);
        }
        if ((v = env.get(ENV_CLIENT_SECRET)) != null) {
            b.clientSecret(v);
        }
        if ((v = env.get(ENV_INSTANCE_ID)) != null) {
            b.instanceId(v);
        }
        if ((v = env.get(ENV_BASE_URL)) != null) {
            b.shBaseUrl(URI.create(v));
        }
        if ((v = env.get(ENV_TOKEN_URL)) != null) {
            b.shTokenUrl(URI.create(v));
        }
        return b.build();
    }

    private static void apply(Builder b, JsonNode section, Path file) {
        String authBase = null;
        for (Map.Entry<String, JsonNode> e : section.properties()) {
            String key = e.getKey();
            JsonNode value = e.getValue();
            switch (key) {
                case "instance_id" -> b.instanceId(text(key, value, file));
                case "sh_client_id" -> b.clientId(text(key, value, file));
                case "sh_client_secret" -> b.clientSecret(text(key, value, file));
                case "sh_base_url" -> b.shBaseUrl(url(key, value, file));
                case "sh_token_url" -> b.shTokenUrl(url(key, value, file));
                case "sh_auth_base_url" -> authBase = text(key, value, file);
                case "max_download_attempts" -> b.maxDownloadAttempts(integer(key, value, file));
                case "download_sleep_time" -> b.downloadSleepTime(seconds(key, value, file));
                case "download_timeout_seconds" -> b.downloadTimeout(seconds(key, value, file));
                case "max_retries" -> b.maxRetries(value.isNull() ? null : integer(key, value, file));
                case "max_retry_wait_seconds" -> b.maxRetryWait(seconds(key, value, file));
                default -> {
                    if (!IGNORED_KEYS.contains(key)) {
                        LOG.warn("Unknown key `{}` in the Sentinel Hub configuration {}: ignored", key, file);
                    }
                }
            }
        }
        if (authBase != null) {
            // sentinelhub-py's deprecated setting wins over sh_token_url.
            LOG.warn("`sh_auth_base_url` is deprecated: using sh_token_url = sh_auth_base_url + \"/oauth/token\"");
            b.shTokenUrl(URI.create(authBase + "/oauth/token"));
        }
    }

    /** Type errors name the key and the file, never the value (it may be a secret). */
    private static IllegalArgumentException typeError(String key, String expected, Path file) {
        return new IllegalArgumentException("`" + key + "` in " + file + " must be " + expected);
    }

    private static String text(String key, JsonNode value, Path file) {
        if (!value.isTextual()) {
            throw typeError(key, "a string", file);
        }
        return value.asText();
    }

    private static URI url(String key, JsonNode value, Path file) {
        try {
            return URI.create(text(key, value, file));
        } catch (IllegalArgumentException e) {
            throw typeError(key, "a URL", file);
        }
    }

    private static int integer(String key, JsonNode value, Path file) {
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw typeError(key, "an integer", file);
        }
        return value.asInt();
    }

    private static Duration seconds(String key, JsonNode value, Path file) {
        if (!value.isNumber()) {
            throw typeError(key, "a number of seconds", file);
        }
        return seconds(value.asDouble());
    }

    private static Duration seconds(double s) {
        if (!(s >= 0) || Double.isInfinite(s)) {
            throw new IllegalArgumentException("a duration in seconds must be finite and not negative, got " + s);
        }
        return Duration.ofNanos(Math.round(s * 1e9));
    }

    /**
     * The instance ID used by the OGC services (a credential).
     *
     * @return the instance ID, empty when not set
     */
    public String instanceId() {
        return instanceId;
    }

    /**
     * The OAuth2 client ID.
     *
     * @return the client ID, empty when not set
     */
    public String clientId() {
        return clientId;
    }

    /**
     * The OAuth2 client secret. Never log it.
     *
     * @return the client secret, empty when not set
     */
    public String clientSecret() {
        return clientSecret;
    }

    /**
     * The base URL of the Sentinel Hub deployment.
     *
     * @return the base URL
     */
    public URI shBaseUrl() {
        return shBaseUrl;
    }

    /**
     * The OAuth2 token URL.
     *
     * @return the token URL
     */
    public URI shTokenUrl() {
        return shTokenUrl;
    }

    /**
     * How many times a request is tried before it fails (temporary errors).
     *
     * @return at least 1
     */
    public int maxDownloadAttempts() {
        return maxDownloadAttempts;
    }

    /**
     * The sleep after the first failed attempt; each further sleep is three times longer.
     *
     * @return the first sleep
     */
    public Duration downloadSleepTime() {
        return downloadSleepTime;
    }

    /**
     * The connect and read timeout of one attempt.
     *
     * @return the timeout
     */
    public Duration downloadTimeout() {
        return downloadTimeout;
    }

    /**
     * How many requests {@link DownloadClient#downloadAll} runs at once.
     *
     * @return at least 1
     */
    public int maxThreads() {
        return maxThreads;
    }

    /**
     * The folder of the on-disk download cache.
     *
     * @return the folder, or {@code null} when answers are not cached
     */
    public Path cacheFolder() {
        return cacheFolder;
    }

    /**
     * The cap on retries after HTTP 429 (sentinelhub-py's {@code max_retries}).
     *
     * @return the cap, or {@code null} for the default of 10
     */
    public Integer maxRetries() {
        return maxRetries;
    }

    /**
     * The cap on one wait between attempts: a {@code Retry-After} or a backoff longer than this waits this
     * long (an addition of this library; {@code max_retry_wait_seconds} in config.toml).
     *
     * @return the cap, {@link #DEFAULT_MAX_RETRY_WAIT} (60 s) unless set
     */
    public Duration maxRetryWait() {
        return maxRetryWait;
    }

    /**
     * The hosts treated as Sentinel Hub services, whose {@code Retry-After} is read as milliseconds (Sentinel
     * Hub's rate limiting answers give it in milliseconds; other services in seconds or as an HTTP date, as
     * HTTP defines it). An entry starting with a dot matches that domain and its subdomains. The hosts of
     * {@link #shBaseUrl()} and {@link #shTokenUrl()} count as well, without being listed here.
     *
     * @return the hosts (lower case), {@link #DEFAULT_SENTINEL_HUB_HOSTS} unless set
     */
    public Set<String> sentinelHubHosts() {
        return sentinelHubHosts;
    }

    /**
     * Whether a host is a Sentinel Hub service: one of {@link #sentinelHubHosts()} (or under one starting
     * with a dot), or the host of {@link #shBaseUrl()} or {@link #shTokenUrl()}.
     *
     * @param host a host name
     * @return true when {@code Retry-After} from that host is in milliseconds
     */
    public boolean isSentinelHubHost(String host) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.equalsIgnoreCase(shBaseUrl.getHost()) || h.equalsIgnoreCase(shTokenUrl.getHost())) {
            return true;
        }
        for (String entry : sentinelHubHosts) {
            if (entry.startsWith(".") ? h.equals(entry.substring(1)) || h.endsWith(entry) : h.equals(entry)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether both an OAuth2 client ID and client secret are set.
     *
     * @return true when the client ID and secret are not empty
     */
    public boolean hasCredentials() {
        return !clientId.isEmpty() && !clientSecret.isEmpty();
    }

    /**
     * Masks a credential like sentinelhub-py: the first {@code min(max(len - 4, 10), len)} characters become
     * {@code *}.
     *
     * @param value the credential
     * @return the masked value
     */
    public static String mask(String value) {
        if (value == null) {
            return null;
        }
        int hide = Math.min(Math.max(value.length() - 4, 10), value.length());
        return "*".repeat(hide) + value.substring(hide);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SHConfig c && instanceId.equals(c.instanceId) && clientId.equals(c.clientId)
                && clientSecret.equals(c.clientSecret) && shBaseUrl.equals(c.shBaseUrl) && shTokenUrl.equals(c.shTokenUrl)
                && maxDownloadAttempts == c.maxDownloadAttempts && downloadSleepTime.equals(c.downloadSleepTime)
                && downloadTimeout.equals(c.downloadTimeout) && maxThreads == c.maxThreads
                && Objects.equals(cacheFolder, c.cacheFolder) && Objects.equals(maxRetries, c.maxRetries)
                && maxRetryWait.equals(c.maxRetryWait) && sentinelHubHosts.equals(c.sentinelHubHosts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(instanceId, clientId, clientSecret, shBaseUrl, shTokenUrl, maxDownloadAttempts,
                downloadSleepTime, downloadTimeout, maxThreads, cacheFolder, maxRetries, maxRetryWait, sentinelHubHosts);
    }

    /**
     * The settings with sentinelhub-py's names; the credentials are masked.
     *
     * @return a text like {@code SHConfig(instance_id='', sh_client_id='********************************abcd', ...)}
     */
    @Override
    public String toString() {
        return "SHConfig(\n  instance_id='" + mask(instanceId) + "',\n  sh_client_id='" + mask(clientId)
                + "',\n  sh_client_secret='" + mask(clientSecret) + "',\n  sh_base_url='" + shBaseUrl
                + "',\n  sh_token_url='" + shTokenUrl + "',\n  max_download_attempts=" + maxDownloadAttempts
                + ",\n  download_sleep_time=" + downloadSleepTime.toNanos() / 1e9
                + ",\n  download_timeout_seconds=" + downloadTimeout.toNanos() / 1e9
                + ",\n  max_retries=" + (maxRetries == null ? "None" : maxRetries)
                + ",\n  max_retry_wait_seconds=" + maxRetryWait.toNanos() / 1e9
                + ",\n  max_threads=" + maxThreads
                + ",\n  cache_folder=" + (cacheFolder == null ? "None" : "'" + cacheFolder + "'") + ",\n)";
    }

    /** A mutable builder of {@link SHConfig}; its defaults are those of {@link SHConfig#builder()}. */
    public static final class Builder {
        private String instanceId = "";
        private String clientId = "";
        private String clientSecret = "";
        private URI shBaseUrl = SH_BASE_URL;
        private URI shTokenUrl = SH_TOKEN_URL;
        private int maxDownloadAttempts = 4;
        private Duration downloadSleepTime = Duration.ofSeconds(5);
        private Duration downloadTimeout = Duration.ofSeconds(120);
        private int maxThreads = Math.min(32, Runtime.getRuntime().availableProcessors() + 4);
        private Path cacheFolder;
        private Integer maxRetries;
        private Duration maxRetryWait = DEFAULT_MAX_RETRY_WAIT;
        private Collection<String> sentinelHubHosts = DEFAULT_SENTINEL_HUB_HOSTS;

        private Builder() {}

        /**
         * Sets the base and token URLs of the main Sentinel Hub deployment.
         *
         * @return this builder
         */
        public Builder sentinelHub() {
            shBaseUrl = SH_BASE_URL;
            shTokenUrl = SH_TOKEN_URL;
            return this;
        }

        /**
         * Sets the base and token URLs of the Copernicus Data Space Ecosystem.
         *
         * @return this builder
         */
        public Builder copernicusDataSpace() {
            shBaseUrl = CDSE_BASE_URL;
            shTokenUrl = CDSE_TOKEN_URL;
            return this;
        }

        /**
         * Sets the instance ID (OGC services).
         *
         * @param value the instance ID, empty for none
         * @return this builder
         */
        public Builder instanceId(String value) {
            instanceId = Objects.requireNonNull(value, "instanceId");
            return this;
        }

        /**
         * Sets the OAuth2 client ID.
         *
         * @param value the client ID, empty for none
         * @return this builder
         */
        public Builder clientId(String value) {
            clientId = Objects.requireNonNull(value, "clientId");
            return this;
        }

        /**
         * Sets the OAuth2 client secret.
         *
         * @param value the client secret, empty for none
         * @return this builder
         */
        public Builder clientSecret(String value) {
            clientSecret = Objects.requireNonNull(value, "clientSecret");
            return this;
        }

        /**
         * Sets the base URL.
         *
         * @param value an absolute http(s) URL
         * @return this builder
         */
        public Builder shBaseUrl(URI value) {
            shBaseUrl = value;
            return this;
        }

        /**
         * Sets the token URL.
         *
         * @param value an absolute http(s) URL
         * @return this builder
         */
        public Builder shTokenUrl(URI value) {
            shTokenUrl = value;
            return this;
        }

        /**
         * Sets how many times a request is tried.
         *
         * @param value at least 1
         * @return this builder
         */
        public Builder maxDownloadAttempts(int value) {
            maxDownloadAttempts = value;
            return this;
        }

        /**
         * Sets the sleep after the first failed attempt (it triples with each further attempt).
         *
         * @param value not negative
         * @return this builder
         */
        public Builder downloadSleepTime(Duration value) {
            downloadSleepTime = value;
            return this;
        }

        /**
         * Sets the connect and read timeout of one attempt.
         *
         * @param value positive
         * @return this builder
         */
        public Builder downloadTimeout(Duration value) {
            downloadTimeout = value;
            return this;
        }

        /**
         * Sets how many requests run at once.
         *
         * @param value at least 1
         * @return this builder
         */
        public Builder maxThreads(int value) {
            maxThreads = value;
            return this;
        }

        /**
         * Sets the folder of the on-disk cache.
         *
         * @param value the folder, or {@code null} for no cache
         * @return this builder
         */
        public Builder cacheFolder(Path value) {
            cacheFolder = value;
            return this;
        }

        /**
         * Sets the cap on retries after HTTP 429.
         *
         * @param value the cap, or {@code null} for the default of 10
         * @return this builder
         */
        public Builder maxRetries(Integer value) {
            maxRetries = value;
            return this;
        }

        /**
         * Sets the cap on one wait between attempts (a longer {@code Retry-After} or backoff waits this long).
         *
         * @param value not negative
         * @return this builder
         */
        public Builder maxRetryWait(Duration value) {
            maxRetryWait = value;
            return this;
        }

        /**
         * Sets the hosts treated as Sentinel Hub services ({@code Retry-After} in milliseconds), in addition
         * to the hosts of the base and token URLs. An entry starting with a dot matches the domain and its
         * subdomains.
         *
         * @param value host names, e.g. {@code services.sentinel-hub.com} or {@code .sentinel-hub.com}
         * @return this builder
         */
        public Builder sentinelHubHosts(Collection<String> value) {
            sentinelHubHosts = List.copyOf(value);
            return this;
        }

        /**
         * Builds the configuration.
         *
         * @return the configuration
         * @throws IllegalArgumentException if a value is invalid
         */
        public SHConfig build() {
            return new SHConfig(this);
        }
    }
}
