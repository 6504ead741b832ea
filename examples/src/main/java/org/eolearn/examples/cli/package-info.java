/**
 * The {@code eolearn} command line (picocli): {@code info}, {@code copy} and {@code bench}. Run it with the
 * {@code ./eolearn} launcher script at the repository root.
 */
package org.eolearn.examples.cli;
