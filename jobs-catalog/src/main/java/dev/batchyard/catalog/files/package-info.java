/**
 * The built-in {@code file-cleanup} job type: removes old files matching glob patterns
 * under one directory, or only counts them in a dry run. It walks the tree without
 * following symbolic links, and never removes a link either, so nothing outside the
 * directory is reached.
 */
package dev.batchyard.catalog.files;
