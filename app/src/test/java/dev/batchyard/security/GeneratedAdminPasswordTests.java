package dev.batchyard.security;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.batchyard.BatchyardApplication;
import dev.batchyard.support.ApiClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node started without {@code BATCHYARD_ADMIN_PASSWORD} generates the admin's password
 * and prints it once: a restart on the same database logs in with the same password and
 * prints no password at all. The log of two starts on one database is read.
 */
@ExtendWith(OutputCaptureExtension.class)
class GeneratedAdminPasswordTests {

	private static final Pattern PRINTED = Pattern.compile("generated password (\\S+)");

	private static final String QUERY = "{ queues { name } }";

	@Test
	void theGeneratedPasswordIsPrintedAtTheFirstStartOnlyAndStaysTheAdminsPassword(CapturedOutput output) {
		String database = "jdbc:h2:mem:generated-admin-password;DB_CLOSE_DELAY=-1";
		String password;
		try (ConfigurableApplicationContext first = start(database)) {
			Matcher printed = PRINTED.matcher(output.getOut());
			assertThat(printed.find()).as("the first start prints the password").isTrue();
			password = printed.group(1);
			assertThat(ApiClient.as(port(first), "admin", password).graphql(QUERY).status()).isEqualTo(200);
		}
		int printedBefore = output.getOut().length();

		try (ConfigurableApplicationContext second = start(database)) {
			String secondLog = output.getOut().substring(printedBefore) + output.getErr();
			assertThat(secondLog).contains("Batchyard is ready")
				.contains("the password generated and printed at this database's first start")
				.doesNotContain(password)
				.doesNotContainPattern(PRINTED);
			assertThat(ApiClient.as(port(second), "admin", password).graphql(QUERY).status()).isEqualTo(200);
		}
	}

	@Test
	void aConfiguredPasswordIsNeverPrintedAndWinsOverAGeneratedOne(CapturedOutput output) {
		String database = "jdbc:h2:mem:configured-admin-password;DB_CLOSE_DELAY=-1";
		try (ConfigurableApplicationContext generated = start(database)) {
			assertThat(PRINTED.matcher(output.getOut()).find()).isTrue();
		}
		int printedBefore = output.getOut().length();

		try (ConfigurableApplicationContext configured = start(database,
				"--batchyard.security.admin.password=chosen-secret")) {
			assertThat(output.getOut().substring(printedBefore)).doesNotContain("chosen-secret")
				.doesNotContainPattern(PRINTED);
			assertThat(ApiClient.as(port(configured), "admin", "chosen-secret").graphql(QUERY).status()).isEqualTo(200);
		}
	}

	/** Starts a node serving HTTP on the database; no admin password unless given. */
	private static ConfigurableApplicationContext start(String database, String... more) {
		List<String> arguments = new ArrayList<>(
				List.of("--spring.datasource.url=" + database, "--server.port=0", "--spring.main.banner-mode=off"));
		if (more.length == 0) {
			// whatever the environment says
			arguments.add("--batchyard.security.admin.password=");
		}
		arguments.addAll(List.of(more));
		return new SpringApplicationBuilder(BatchyardApplication.class).run(arguments.toArray(String[]::new));
	}

	private static int port(ConfigurableApplicationContext context) {
		return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
	}

}
