package dev.batchyard.catalog.internal;

import dev.batchyard.catalog.InvalidCatalogException;
import dev.batchyard.catalog.InvalidJobTypeException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains an {@link InvalidCatalogException} at startup: every problem on its own line,
 * and where to fix it.
 *
 * @author Batchyard
 */
public final class InvalidCatalogFailureAnalyzer extends AbstractFailureAnalyzer<InvalidCatalogException> {

	static final String PROPERTIES_ACTION = "Fix these properties (application.yml or the environment variables "
			+ "BATCHYARD_CATALOG_..., WORKER_CONCURRENCY_<KEY>, TIMEOUT_<KEY>, MIN_WORKERS_<KEY>, "
			+ "MAX_WORKERS_<KEY>, MIN_WORKERS, MAX_WORKERS, <TIER>_MIN_WORKERS, <TIER>_MAX_WORKERS; "
			+ "see BriefEnvironmentPostProcessor) and restart.";

	static final String JOB_TYPES_ACTION = "Fix these job types: give each a unique name and a default queue "
			+ "of the catalog, or add the queue under batchyard.catalog.queues.<name> (with a tier).";

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidCatalogException cause) {
		StringBuilder description = new StringBuilder(
				(cause instanceof InvalidJobTypeException) ? "The Batchyard job types do not fit the queue catalog:\n"
						: "The Batchyard queue catalog configuration is invalid:\n");
		cause.errors().forEach((error) -> description.append("\n    - ").append(error));
		description.append('\n');
		return new FailureAnalysis(description.toString(),
				(cause instanceof InvalidJobTypeException) ? JOB_TYPES_ACTION : PROPERTIES_ACTION, cause);
	}

}
