/** The architecture test: module rules and package cycles over the compiled classes. */
package org.eolearn.examples.architecture;
