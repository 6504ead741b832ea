/**
 * Test support: {@link org.eolearn.io.sentinelhub.testing.FakeSentinelHub}, an in-process Sentinel Hub
 * (OAuth2 token endpoint, handlers for API paths, fault injection) on OkHttp's MockWebServer. Published in
 * eolearn-io's test-jar for other modules' tests.
 */
package org.eolearn.io.sentinelhub.testing;
