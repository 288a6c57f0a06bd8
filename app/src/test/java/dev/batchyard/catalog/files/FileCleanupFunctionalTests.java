package dev.batchyard.catalog.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

import dev.batchyard.catalog.Backoff;
import dev.batchyard.catalog.JobRuns;
import dev.batchyard.engine.EnqueueRequest;
import dev.batchyard.engine.InvalidJobRequestException;
import dev.batchyard.engine.Job;
import dev.batchyard.engine.JobState;
import dev.batchyard.engine.Jobs;
import dev.batchyard.support.Node;
import dev.batchyard.support.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * file-cleanup on a real temporary tree holding links that point out of it: old matching
 * files go, everything else stays, and nothing is reached through a link.
 */
class FileCleanupFunctionalTests {

	private static Node node;

	private static JobRuns runs;

	/**
	 * The node's only allowed directory: a folder of its own, so that what lies outside
	 * it does not depend on where the build runs (under the system temp directory, the
	 * default allow-list, or not).
	 */
	private static Path allowed;

	private Path temp;

	private Path root;

	private Path outside;

	@BeforeAll
	static void startNode() throws IOException {
		allowed = Files.createTempDirectory("cleanup-allowed").toRealPath();
		node = Node.start("cleanup-node", TestServers.freshPostgresDatabase("file_cleanup"),
				"batchyard.engine.poll-interval=200ms", "batchyard.job-types.files.allowed-directories=" + allowed);
		runs = new JobRuns(node.bean(Jobs.class));
	}

	@AfterAll
	static void stopNode() throws IOException {
		node.close();
		FileSystemUtils.deleteRecursively(allowed);
	}

	@BeforeEach
	void tree() throws IOException {
		this.temp = Files.createTempDirectory(allowed, "tree");
		this.root = Files.createDirectories(this.temp.resolve("uploads"));
		this.outside = Files.createDirectories(this.temp.resolve("elsewhere"));
		old(Files.writeString(this.root.resolve("a.tmp"), "12345"));
		old(Files.writeString(Files.createDirectories(this.root.resolve("sub")).resolve("b.tmp"), "1234567"));
		old(Files.writeString(this.root.resolve("keep.log"), "log"));
		Files.writeString(this.root.resolve("fresh.tmp"), "new");
		old(Files.writeString(this.outside.resolve("victim.tmp"), "not yours"));
		Files.createSymbolicLink(this.root.resolve("linked-dir"), this.outside);
		Files.createSymbolicLink(this.root.resolve("linked.tmp"), this.outside.resolve("victim.tmp"));
	}

	@Test
	void aDryRunCountsTheOldMatchingFilesAndRemovesNothing() {
		Job done = runs.run("file-cleanup", payload(true));

		assertThat(done.state()).isEqualTo(JobState.COMPLETED);
		assertThat(done.result()).contains("\"dryRun\":true", "\"files\":2", "\"bytes\":12");
		assertThat(this.root.resolve("a.tmp")).exists();
		assertThat(this.root.resolve("sub/b.tmp")).exists();
	}

	@Test
	void aCleanupRemovesOldMatchingFilesAndNeverFollowsALinkOutOfTheDirectory() {
		Job done = runs.run("file-cleanup", payload(false));

		assertThat(done.state()).isEqualTo(JobState.COMPLETED);
		assertThat(done.result()).contains("\"dryRun\":false", "\"files\":2", "\"bytes\":12", "a.tmp", "sub/b.tmp");
		assertThat(this.root.resolve("a.tmp")).doesNotExist();
		assertThat(this.root.resolve("sub/b.tmp")).doesNotExist();
		assertThat(this.root.resolve("keep.log")).exists();
		assertThat(this.root.resolve("fresh.tmp")).exists();
		assertThat(this.outside.resolve("victim.tmp")).hasContent("not yours");
		assertThat(this.root.resolve("linked.tmp")).isSymbolicLink();
		assertThat(this.root.resolve("linked-dir")).isSymbolicLink();
	}

	@Test
	void aMissingDirectoryFailsWithoutARetry() {
		Job done = runs.run("file-cleanup", "{\"directory\": \"" + this.root.resolve("nope") + "\"}");

		assertThat(done.state()).isEqualTo(JobState.FAILED);
		assertThat(done.attempts()).isEqualTo(1);
		assertThat(done.failures().get(0).errorMessage()).contains("does not exist");
	}

	@Test
	void aDirectoryOutsideTheAllowListIsRefusedAtEnqueueNamingTheFieldAndNothingIsEnqueued() throws IOException {
		Path outsideTemp = Files.createTempDirectory("cleanup-not-allowed");
		Jobs jobs = node.bean(Jobs.class);
		long before = totalJobs();

		assertThatThrownBy(
				() -> jobs.enqueue(EnqueueRequest.of("file-cleanup", "{\"directory\": \"" + outsideTemp + "\"}")))
			.isInstanceOfSatisfying(InvalidJobRequestException.class, (refused) -> {
				assertThat(refused.argument()).isEqualTo("payload.directory");
				assertThat(refused.getMessage()).contains("not under an allowed directory", allowed.toString());
			});
		assertThat(totalJobs()).isEqualTo(before);
	}

	@Test
	void aDirectoryThatBecameALinkOutOfTheAllowListAfterTheEnqueueFailsWithoutARetry() throws IOException {
		Path outsideTemp = Files.createTempDirectory("cleanup-not-allowed");
		Path later = this.temp.resolve("later");
		Jobs jobs = node.bean(Jobs.class);
		long id = jobs
			.enqueue(EnqueueRequest.of("file-cleanup", "{\"directory\": \"" + later + "\"}")
				.withDelay(Duration.ofSeconds(1))
				.withRetries(3, Backoff.fixed(Duration.ofMillis(10))))
			.job()
			.id();
		Files.createSymbolicLink(later, outsideTemp);

		Job done = runs.awaitFinished(id);

		assertThat(done.state()).isEqualTo(JobState.FAILED);
		assertThat(done.attempts()).isEqualTo(1);
		assertThat(done.failures().get(0).errorMessage()).contains("not under an allowed directory");
	}

	private static long totalJobs() {
		return node.bean(JdbcTemplate.class).queryForObject("select count(*) from job", Long.class);
	}

	private String payload(boolean dryRun) {
		return "{\"directory\": \"" + this.root + "\", \"patterns\": [\"**.tmp\"], \"olderThan\": \"P1D\","
				+ " \"dryRun\": " + dryRun + "}";
	}

	private static void old(Path file) throws IOException {
		Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofDays(3))));
	}

}
