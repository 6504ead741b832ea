/**
 * {@link org.eolearn.spark.SparkExecutor}: a JSON workflow over many patches on an Apache Spark cluster, with the
 * results and the HTML report of {@code EOExecutor}. Spark is a provided dependency.
 */
package org.eolearn.spark;
