package dev.batchyard.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code deploy/Dockerfile} needs from the build: the jar it copies exists after
 * {@code package}, and splits into exactly the layers the Dockerfile copies.
 */
class PackagedJarIntegrationTests {

	private static final Path DOCKERFILE = Path.of("..", "deploy", "Dockerfile");

	@Test
	void theJarTheDockerfileCopiesIsBuilt() throws IOException {
		Matcher copy = Pattern.compile("(?m)^COPY (app/target/\\S+\\.jar) ").matcher(Files.readString(DOCKERFILE));

		assertThat(copy.find()).as("the Dockerfile copies a jar from app/target").isTrue();
		assertThat(Path.of("..").resolve(copy.group(1))).isRegularFile();
	}

	@Test
	void theJarHasTheLayersTheDockerfileCopies() throws Exception {
		List<String> layersCopied = Pattern.compile("(?m)^COPY --from=layers /build/extracted/([a-z-]+)/")
			.matcher(Files.readString(DOCKERFILE))
			.results()
			.map((match) -> match.group(1))
			.toList();

		Process listLayers = new ProcessBuilder(javaCommand(), "-Djarmode=tools", "-jar", "target/batchyard.jar",
				"list-layers")
			.redirectErrorStream(true)
			.start();
		assertThat(listLayers.waitFor(60, TimeUnit.SECONDS)).isTrue();
		String output = new String(listLayers.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

		assertThat(output.lines().map(String::strip).filter((line) -> !line.isEmpty()).toList())
			.containsExactlyInAnyOrderElementsOf(layersCopied);
	}

	private static String javaCommand() {
		return ProcessHandle.current().info().command().orElse("java");
	}

}
