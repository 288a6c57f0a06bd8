package dev.batchyard.catalog.internal;

import java.util.List;

import dev.batchyard.catalog.InvalidCatalogException;
import dev.batchyard.catalog.InvalidJobTypeException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;

class InvalidCatalogFailureAnalyzerTests {

	private final InvalidCatalogFailureAnalyzer analyzer = new InvalidCatalogFailureAnalyzer();

	@Test
	void theAnalysisListsEveryProblemAndSaysWhereToFixThem() {
		InvalidCatalogException cause = new InvalidCatalogException(List.of(
				"batchyard.catalog.queues.email-campaigns.max-workers must be at most 50 (was 60)",
				"batchyard.catalog.queues.email-retry.timeout must be between 1000ms and 7200000ms (was 10ms)"));
		FailureAnalysis analysis = this.analyzer.analyze(new BeanCreationException("queueCatalog", "failed", cause));
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).contains("queue catalog configuration is invalid")
			.contains("    - batchyard.catalog.queues.email-campaigns.max-workers must be at most 50 (was 60)\n")
			.contains("    - batchyard.catalog.queues.email-retry.timeout must be between");
		assertThat(analysis.getAction())
			.startsWith("Fix these properties (application.yml or the environment variables")
			.contains("WORKER_CONCURRENCY_<KEY>");
		assertThat(analysis.getCause()).isSameAs(cause);
	}

	@Test
	void jobTypeProblemsGetTheirOwnAction() {
		FailureAnalysis analysis = this.analyzer
			.analyze(new InvalidJobTypeException(List.of("job type name 'send-email' must be unique")));
		assertThat(analysis.getDescription()).contains("job types do not fit")
			.contains("- job type name 'send-email' must be unique");
		assertThat(analysis.getAction()).startsWith("Fix these job types");
	}

	@Test
	void otherFailuresAreLeftToOtherAnalyzers() {
		assertThat(this.analyzer.analyze(new IllegalStateException("no"))).isNull();
	}

}
