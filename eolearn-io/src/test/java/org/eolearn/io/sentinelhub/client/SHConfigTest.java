package org.eolearn.io.sentinelhub.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SHConfigTest {
    private static final String SECRET = "s3cr3t-Value-That-Is-Long-9876";
    private static final String ID = "0a1b2c3d-aaaa-bbbb-cccc-1234567890ab";

    @TempDir Path dir;

    @Test
    void presetsHaveSentinelHubAndCdseUrls() {
        SHConfig sh = SHConfig.sentinelHub();
        assertThat(sh.shBaseUrl()).isEqualTo(URI.create("https://services.sentinel-hub.com"));
        assertThat(sh.shTokenUrl()).isEqualTo(
                URI.create("https://services.sentinel-hub.com/auth/realms/main/protocol/openid-connect/token"));
        assertThat(sh.maxDownloadAttempts()).isEqualTo(4);
        assertThat(sh.downloadSleepTime()).isEqualTo(Duration.ofSeconds(5));
        assertThat(sh.downloadTimeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(sh.cacheFolder()).isNull();
        assertThat(sh.hasCredentials()).isFalse();
        assertThat(sh).isEqualTo(SHConfig.builder().build());

        SHConfig cdse = SHConfig.copernicusDataSpace();
        assertThat(cdse.shBaseUrl()).isEqualTo(URI.create("https://sh.dataspace.copernicus.eu"));
        assertThat(cdse.shTokenUrl()).isEqualTo(URI.create(
                "https://identity.dataspace.copernicus.eu/auth/realms/CDSE/protocol/openid-connect/token"));
    }

    @Test
    void toBuilderKeepsEveryValue() {
        SHConfig c = SHConfig.builder().clientId(ID).clientSecret(SECRET).instanceId("inst").maxThreads(7)
                .maxDownloadAttempts(2).downloadSleepTime(Duration.ofMillis(3)).downloadTimeout(Duration.ofSeconds(9))
                .cacheFolder(dir).maxRetries(3).copernicusDataSpace().build();
        assertThat(c.toBuilder().build()).isEqualTo(c).hasSameHashCodeAs(c);
        assertThat(c.hasCredentials()).isTrue();
    }

    @Test
    void invalidValuesAreRejectedByName() {
        assertThatThrownBy(() -> SHConfig.builder().maxDownloadAttempts(0).build())
                .hasMessageContaining("maxDownloadAttempts");
        assertThatThrownBy(() -> SHConfig.builder().maxThreads(0).build()).hasMessageContaining("maxThreads");
        assertThatThrownBy(() -> SHConfig.builder().shBaseUrl(URI.create("ftp://x")).build())
                .hasMessageContaining("shBaseUrl");
        assertThatThrownBy(() -> SHConfig.builder().downloadTimeout(Duration.ZERO).build())
                .hasMessageContaining("downloadTimeout");
    }

    @Test
    void masksLikeSentinelhubPy() {
        assertThat(SHConfig.mask("")).isEqualTo("");
        assertThat(SHConfig.mask("abc")).isEqualTo("***");
        assertThat(SHConfig.mask("0123456789")).isEqualTo("**********");
        assertThat(SHConfig.mask("0123456789ABCD")).isEqualTo("**********ABCD");
        assertThat(SHConfig.mask(ID)).isEqualTo("*".repeat(32) + "90ab");
    }

    @Test
    void toStringMasksCredentials() {
        SHConfig c = SHConfig.builder().clientId(ID).clientSecret(SECRET).instanceId("instance-1234567890").build();
        String s = c.toString();
        assertThat(s).doesNotContain(SECRET).doesNotContain(ID).doesNotContain("instance-1234567890")
                .contains("sh_client_secret='" + "*".repeat(SECRET.length() - 4) + "9876'")
                .contains("sh_base_url='https://services.sentinel-hub.com'");
    }

    private Path toml(String text) throws IOException {
        Path f = dir.resolve("sentinelhub").resolve("config.toml");
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
        return f;
    }

    private static final String FILE = """
      [default-profile]
      sh_client_id = "%s"
      sh_client_secret = "%s"
      max_download_attempts = 6
      download_sleep_time = 0.5
      download_timeout_seconds = 30.0
      max_wfs_records_per_query = 50

      [cdse]
      sh_client_id = "cdse-id"
      sh_client_secret = "cdse-secret"
      sh_base_url = "https://sh.dataspace.copernicus.eu"
      sh_token_url = "https://identity.dataspace.copernicus.eu/auth/realms/CDSE/protocol/openid-connect/token"
      instance_id = "my-instance"
      max_retries = 7
      """.formatted(ID, SECRET);

    @Test
    void readsTheDefaultProfile() throws IOException {
        SHConfig c = SHConfig.load(toml(FILE), null, Map.of());
        assertThat(c.clientId()).isEqualTo(ID);
        assertThat(c.clientSecret()).isEqualTo(SECRET);
        assertThat(c.maxDownloadAttempts()).isEqualTo(6);
        assertThat(c.downloadSleepTime()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.downloadTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.shBaseUrl()).isEqualTo(SHConfig.SH_BASE_URL);
        assertThat(c.maxRetries()).isNull();
    }

    @Test
    void profileComesFromTheArgumentOrShProfile() throws IOException {
        Path f = toml(FILE);
        SHConfig byArg = SHConfig.load(f, "cdse", Map.of());
        SHConfig byEnv = SHConfig.load(f, null, Map.of("SH_PROFILE", "cdse"));
        assertThat(byArg).isEqualTo(byEnv);
        assertThat(byArg.shBaseUrl()).isEqualTo(SHConfig.CDSE_BASE_URL);
        assertThat(byArg.shTokenUrl()).isEqualTo(SHConfig.CDSE_TOKEN_URL);
        assertThat(byArg.instanceId()).isEqualTo("my-instance");
        assertThat(byArg.maxRetries()).isEqualTo(7);
        assertThat(byArg.maxDownloadAttempts()).isEqualTo(4);
    }

    @Test
    void environmentOverridesTheFile() throws IOException {
        SHConfig c = SHConfig.load(toml(FILE), "cdse",
                Map.of("SH_CLIENT_ID", "env-id", "SH_CLIENT_SECRET", "env-secret", "SH_BASE_URL", "https://example.com",
                        "SH_TOKEN_URL", "https://example.com/token", "SH_INSTANCE_ID", "env-instance"));
        assertThat(c.clientId()).isEqualTo("env-id");
        assertThat(c.clientSecret()).isEqualTo("env-secret");
        assertThat(c.shBaseUrl()).isEqualTo(URI.create("https://example.com"));
        assertThat(c.shTokenUrl()).isEqualTo(URI.create("https://example.com/token"));
        assertThat(c.instanceId()).isEqualTo("env-instance");
        assertThat(c.maxRetries()).isEqualTo(7);
    }

    @Test
    void missingFileGivesDefaultsAndEnvironment() {
        Path f = dir.resolve("nothing.toml");
        SHConfig c = SHConfig.load(f, null, Map.of("SH_CLIENT_ID", "a", "SH_CLIENT_SECRET", "b"));
        assertThat(c).isEqualTo(SHConfig.builder().clientId("a").clientSecret("b").build());
        assertThat(Files.exists(f)).isFalse();
        assertThatThrownBy(() -> SHConfig.load(f, "other", Map.of())).hasMessageContaining("other");
    }

    @Test
    void missingProfileIsAnError() throws IOException {
        Path f = toml(FILE);
        assertThatThrownBy(() -> SHConfig.load(f, "nope", Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Profile `nope` not found");
    }

    @Test
    void deprecatedAuthBaseUrlSetsTheTokenUrl() throws IOException {
        SHConfig c = SHConfig.load(toml("[default-profile]\nsh_auth_base_url = \"https://auth.example.com\"\n"),
                null, Map.of());
        assertThat(c.shTokenUrl()).isEqualTo(URI.create("https://auth.example.com/oauth/token"));
    }

    @Test
    void parseErrorsDoNotQuoteTheFile() throws IOException {
        Path f = toml("[default-profile]\nsh_client_secret = \"" + SECRET + "\n");
        assertThatThrownBy(() -> SHConfig.load(f, null, Map.of()))
                .hasMessageContaining("cannot parse").satisfies(e -> assertThat(e.toString()).doesNotContain(SECRET));
    }

    @Test
    void wrongTypesNameTheKeyButNotTheValue() throws IOException {
        assertThatThrownBy(() -> SHConfig.load(toml("[default-profile]\nmax_download_attempts = \"four\"\n"), null, Map.of()))
                .hasMessageContaining("`max_download_attempts`").hasMessageContaining("an integer");
        assertThatThrownBy(() -> SHConfig.load(toml("[default-profile]\nsh_client_secret = 12345678901234\n"), null, Map.of()))
                .hasMessageContaining("`sh_client_secret`").hasMessageNotContaining("12345678901234");
        assertThatThrownBy(() -> SHConfig.load(toml("[default-profile]\ndownload_sleep_time = \"5\"\n"), null, Map.of()))
                .hasMessageContaining("a number of seconds");
    }

    @Test
    void sentinelhubPyKeysThatDoNotApplyAreIgnored() throws IOException {
        SHConfig c = SHConfig.load(toml("[default-profile]\naws_access_key_id = \"x\"\nnumber_of_download_processes = 3\n"
                + "max_retries = 2\n"), null, Map.of());
        assertThat(c.maxRetries()).isEqualTo(2);
    }

    @Test
    void configLocationFollowsXdg() {
        assertThat(SHConfig.configLocation(Map.of("XDG_CONFIG_HOME", "/x/y")))
                .isEqualTo(Path.of("/x/y/sentinelhub/config.toml"));
        assertThat(SHConfig.configLocation(Map.of()))
                .isEqualTo(Path.of(System.getProperty("user.home"), ".config", "sentinelhub", "config.toml"));
    }

    @Test
    void retrySettings() throws IOException {
        SHConfig d = SHConfig.sentinelHub();
        assertThat(d.maxRetryWait()).isEqualTo(Duration.ofSeconds(60));
        assertThat(d.sentinelHubHosts()).isEqualTo(SHConfig.DEFAULT_SENTINEL_HUB_HOSTS);
        assertThat(d.isSentinelHubHost("services.sentinel-hub.com")).isTrue();
        assertThat(d.isSentinelHubHost("SERVICES-USWEST2.Sentinel-Hub.com")).isTrue();
        assertThat(d.isSentinelHubHost("notsentinel-hub.com")).isFalse();
        assertThat(d.isSentinelHubHost("example.com")).isFalse();

        SHConfig own = SHConfig.builder().shBaseUrl(URI.create("http://localhost:8080"))
                .shTokenUrl(URI.create("https://auth.example.org/token")).sentinelHubHosts(java.util.List.of(" Mirror.Example "))
                .maxRetryWait(Duration.ofSeconds(5)).build();
        assertThat(own.isSentinelHubHost("localhost")).isTrue();
        assertThat(own.isSentinelHubHost("auth.example.org")).isTrue();
        assertThat(own.isSentinelHubHost("mirror.example")).isTrue();
        assertThat(own.isSentinelHubHost("services.sentinel-hub.com")).isFalse();
        assertThat(own.toBuilder().build()).isEqualTo(own).hasSameHashCodeAs(own);
        assertThat(own).isNotEqualTo(own.toBuilder().maxRetryWait(Duration.ofSeconds(6)).build());
        assertThat(own.toString()).contains("max_retry_wait_seconds=5.0");

        assertThatThrownBy(() -> SHConfig.builder().maxRetryWait(Duration.ofSeconds(-1)).build())
                .hasMessageContaining("maxRetryWait");
        assertThatThrownBy(() -> SHConfig.builder().sentinelHubHosts(java.util.List.of("https://x.org/")).build())
                .hasMessageContaining("host");
        SHConfig fromFile = SHConfig.load(toml("[default-profile]\nmax_retry_wait_seconds = 12.5\n"), null, Map.of());
        assertThat(fromFile.maxRetryWait()).isEqualTo(Duration.ofMillis(12500));
    }
}
