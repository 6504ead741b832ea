/**
 * Runnable example programs of eo-learn for Java. The water-level monitoring example arrives with its own issue.
 */
package org.eolearn.examples;
