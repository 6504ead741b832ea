package org.eolearn.io.sentinelhub.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which answer content types satisfy an expected one. */
class ContentTypeTest {

    @Test
    void prefixesAndJsonFlavours() {
        assertThat(ResponseValidator.compatible("image/tiff", "image/tiff")).isTrue();
        assertThat(ResponseValidator.compatible("application/json; charset=utf-8", "application/json")).isTrue();
        // the Catalog API answers GeoJSON
        assertThat(ResponseValidator.compatible("application/geo+json", "application/json")).isTrue();
        assertThat(ResponseValidator.compatible("application/geo+json; charset=utf-8", "application/json")).isTrue();
        assertThat(ResponseValidator.compatible("text/html", "application/json")).isFalse();
        assertThat(ResponseValidator.compatible("application/geo+json", "image/tiff")).isFalse();
        assertThat(ResponseValidator.compatible("application/x-tar", "application/json")).isFalse();
    }
}
