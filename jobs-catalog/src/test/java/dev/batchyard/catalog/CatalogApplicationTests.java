package dev.batchyard.catalog;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@ExtendWith(OutputCaptureExtension.class)
class CatalogApplicationTests {

	@Test
	void theBriefsVariablesReachTheCatalogOfABootedApplication() {
		try (ConfigurableApplicationContext context = application(Map.of("WORKER_CONCURRENCY_EMAIL", "4"))
			.run("--batchyard.catalog.queues.email-retry.concurrency=2")) {
			QueueCatalog catalog = context.getBean(QueueCatalog.class);
			assertThat(catalog.get("scheduled-emails").concurrency()).isEqualTo(4);
			assertThat(catalog.get("email-retry").concurrency()).isEqualTo(2);
		}
	}

	@Test
	void anInvalidCatalogFailsTheBootWithTheFailureAnalysis(CapturedOutput output) {
		assertThatExceptionOfType(RuntimeException.class)
			.isThrownBy(() -> application(Map.of()).run("--batchyard.catalog.queues.email-campaigns.max-workers=60",
					"--batchyard.catalog.queues.email-retry.timeout=10ms"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("- batchyard.catalog.queues.email-campaigns.max-workers must be at most 50 (was 60)")
			.contains("- batchyard.catalog.queues.email-retry.timeout must be between 1000ms and 7200000ms (was 10ms)")
			.contains("Fix these properties (application.yml or the environment variables");
	}

	@Test
	void aBadValueFromABriefVariableNamesTheVariable(CapturedOutput output) {
		assertThatExceptionOfType(RuntimeException.class)
			.isThrownBy(() -> application(Map.of("WORKER_CONCURRENCY_EMAIL", "60")).run());
		assertThat(output).contains("- batchyard.catalog.queues.email-retry.concurrency must be at most 50 (was 60) "
				+ "[from environment variable WORKER_CONCURRENCY_EMAIL]");
	}

	@Test
	void aNonNumericBriefVariableFailsTheBootNamingIt(CapturedOutput output) {
		assertThatExceptionOfType(InvalidCatalogException.class)
			.isThrownBy(() -> application(Map.of("MAX_WORKERS_EMAIL", "lots")).run());
		assertThat(output).contains("environment variable MAX_WORKERS_EMAIL must be a whole number (was 'lots')");
	}

	private static SpringApplication application(Map<String, Object> variables) {
		SpringApplication application = new SpringApplication(Empty.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new HashMap<>(variables)));
		application.setEnvironment(environment);
		return application;
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(CatalogAutoConfiguration.class)
	static class Empty {

	}

}
