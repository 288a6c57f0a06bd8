package dev.batchyard.catalog.internal;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import dev.batchyard.catalog.CatalogProperties;
import dev.batchyard.catalog.InvalidCatalogException;
import dev.batchyard.catalog.QueueCatalog;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class BriefEnvironmentPostProcessorTests {

	@Test
	void workerConcurrencyEmailSetsEveryEmailQueue() {
		QueueCatalog catalog = catalog(Map.of("WORKER_CONCURRENCY_EMAIL", "4"));
		for (String queue : BriefEnvironmentPostProcessor.GROUPS.get("EMAIL")) {
			assertThat(catalog.get(queue).concurrency()).as(queue).isEqualTo(4);
		}
		assertThat(catalog.get("default").concurrency()).isEqualTo(5);
	}

	@Test
	void aQueueVariableBeatsItsGroupVariable() {
		QueueCatalog catalog = catalog(Map.of("WORKER_CONCURRENCY_EMAIL", "4", "WORKER_CONCURRENCY_EMAIL_RETRY", "2"));
		assertThat(catalog.get("email-retry").concurrency()).isEqualTo(2);
		assertThat(catalog.get("scheduled-emails").concurrency()).isEqualTo(4);
	}

	@Test
	void aNarrowGroupBeatsABroadOne() {
		QueueCatalog catalog = catalog(Map.of("TIMEOUT_TAX", "120000", "TIMEOUT_PDF", "900000"));
		assertThat(catalog.get("tax-document-generation").timeout()).isEqualTo(Duration.ofMinutes(15));
		assertThat(catalog.get("tax-form-processing").timeout()).isEqualTo(Duration.ofMinutes(2));
	}

	@Test
	void timeoutIsInMilliseconds() {
		QueueCatalog catalog = catalog(Map.of("TIMEOUT_EMAIL", "45000"));
		assertThat(catalog.get("password-reset").timeout()).isEqualTo(Duration.ofSeconds(45));
		assertThat(catalog.get("email-campaigns").timeout()).isEqualTo(Duration.ofSeconds(45));
	}

	@Test
	void tierAndDefaultPoolBoundsMapOntoTiersAndDefaults() {
		StandardEnvironment environment = environment(Map.of("CRITICAL_MIN_WORKERS", "3", "MAX_WORKERS", "40",
				"MIN_WORKERS_SEARCH_REINDEX", "1", "MAX_WORKERS_CLEANUP", "4"));
		assertThat(environment.getProperty("batchyard.catalog.tiers.critical.min-workers")).isEqualTo("3");
		assertThat(environment.getProperty("batchyard.catalog.defaults.max-workers")).isEqualTo("40");
		assertThat(environment.getProperty("batchyard.catalog.queues.asset-cleanup.max-workers")).isEqualTo("4");
		QueueCatalog catalog = catalog(environment);
		assertThat(catalog.get("password-reset").minWorkers()).isEqualTo(3);
		assertThat(catalog.get("default").maxWorkers()).isEqualTo(40);
		assertThat(catalog.get("upload-cleanup").maxWorkers()).isEqualTo(4);
	}

	@Test
	void theSpringNamesStillWinAndTheBriefsNamesBeatApplicationYml() {
		Map<String, Object> variables = new HashMap<>();
		variables.put("WORKER_CONCURRENCY_EMAIL", "4");
		variables.put("BATCHYARD_CATALOG_QUEUES_EMAILRETRY_CONCURRENCY", "3");
		StandardEnvironment environment = environment(variables);
		environment.getPropertySources()
			.addLast(new MapPropertySource("applicationYml",
					Map.of("batchyard.catalog.queues.scheduled-emails.concurrency", "9")));
		QueueCatalog catalog = catalog(environment);
		assertThat(catalog.get("email-retry").concurrency()).isEqualTo(3);
		assertThat(catalog.get("scheduled-emails").concurrency()).isEqualTo(4);
	}

	@Test
	void variablesOfOtherProgramsAreIgnored() {
		StandardEnvironment environment = environment(Map.of("TIMEOUT_SECONDS", "soon", "PATH", "/bin"));
		assertThat(environment.getPropertySources().contains(BriefEnvironmentPostProcessor.PROPERTY_SOURCE_NAME))
			.isFalse();
	}

	@Test
	void aNonNumericValueFailsNamingTheVariable() {
		assertThatExceptionOfType(InvalidCatalogException.class)
			.isThrownBy(() -> environment(Map.of("WORKER_CONCURRENCY_EMAIL", "four", "TIMEOUT_PDF", "10s")))
			.satisfies((ex) -> assertThat(ex.errors()).containsExactly(
					"environment variable TIMEOUT_PDF must be a whole number of milliseconds (was '10s')",
					"environment variable WORKER_CONCURRENCY_EMAIL must be a whole number (was 'four')"));
	}

	@Test
	void theGroupsNameOnlyBuiltInQueues() {
		QueueCatalog builtIn = QueueCatalog.builtIn();
		assertThat(BriefEnvironmentPostProcessor.GROUPS.values()).allSatisfy(
				(queues) -> assertThat(queues).allSatisfy((queue) -> assertThat(builtIn.find(queue)).isPresent()));
		assertThat(BriefEnvironmentPostProcessor.GROUPS.get("CLEANUP"))
			.containsExactlyInAnyOrderElementsOf(builtIn.queues()
				.stream()
				.map((queue) -> queue.name())
				.filter((name) -> name.endsWith("-cleanup"))
				.toList());
	}

	private static StandardEnvironment environment(Map<String, Object> variables) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new HashMap<>(variables)));
		new BriefEnvironmentPostProcessor().postProcessEnvironment(environment, null);
		return environment;
	}

	private static QueueCatalog catalog(Map<String, Object> variables) {
		return catalog(environment(variables));
	}

	private static QueueCatalog catalog(StandardEnvironment environment) {
		Binder binder = new Binder(ConfigurationPropertySources.get(environment));
		CatalogProperties properties = binder.bind("batchyard.catalog", CatalogProperties.class)
			.orElseGet(CatalogProperties::none);
		return QueueCatalog.from(properties);
	}

}
