/**
 * Batchyard, the application. Package by feature: {@code engine}, {@code schedule},
 * {@code limits}, {@code memory}, {@code scaling}, {@code monitoring}, {@code api},
 * {@code security}, {@code dashboard}, and {@code store} (which databases a node uses).
 */
package dev.batchyard;
