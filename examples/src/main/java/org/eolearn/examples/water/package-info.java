/**
 * Water-level monitoring of reservoirs (eo-learn's water-monitor example): the workflow
 * ({@link org.eolearn.examples.water.WaterMonitor}, with a Sentinel Hub or a STAC input), its tasks and outputs, and
 * the built-in synthetic demo area ({@link org.eolearn.examples.water.DemoReservoir}) with its local stand-ins for
 * Sentinel Hub ({@link org.eolearn.examples.water.DemoSentinelHub}) and for a STAC API
 * ({@link org.eolearn.examples.water.DemoStac}).
 */
package org.eolearn.examples.water;
