/**
 * Water-level monitoring of reservoirs (eo-learn's water-monitor example): the workflow
 * ({@link org.eolearn.examples.water.WaterMonitor}), its tasks and outputs, and the built-in synthetic demo area
 * ({@link org.eolearn.examples.water.DemoReservoir}).
 */
package org.eolearn.examples.water;
