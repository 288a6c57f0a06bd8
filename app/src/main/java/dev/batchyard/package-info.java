/**
 * Batchyard, the application. Package by feature: {@code engine}, {@code schedule},
 * {@code limits}, {@code monitoring}, {@code scaling}, {@code memory}, {@code retention},
 * {@code api}, {@code security} and {@code store} (which databases a node uses). The
 * README's "Architecture" section is the map.
 */
package dev.batchyard;
