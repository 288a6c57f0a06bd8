package dev.batchyard.catalog.files;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.batchyard.catalog.spi.Bookkeeping;
import dev.batchyard.catalog.spi.InvalidPayloadException;
import dev.batchyard.catalog.spi.JobContext;
import dev.batchyard.catalog.spi.JobType;
import dev.batchyard.catalog.spi.JobTypeDescriptor;
import dev.batchyard.catalog.spi.NonRetryableJobException;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The built-in {@code file-cleanup} job type on the {@code upload-cleanup} queue: removes
 * (or, in a dry run, counts) the regular files under a directory that match its patterns
 * and are older than its age, in a directory that
 * {@code batchyard.job-types.files.allowed-directories} allows. Symbolic links are
 * neither followed nor removed, so a link to somewhere else never takes the walk out of
 * the directory.
 * <p>
 * Its result is {@code {dryRun, files, bytes, paths}}: how many files of how many bytes
 * were (or would be) removed, and the first {@value #LISTED_PATHS} of their relative
 * paths.
 *
 * @author Batchyard
 */
public class FileCleanupJobType implements JobType<FileCleanupPayload> {

	/** The type's name. */
	public static final String NAME = "file-cleanup";

	static final int LISTED_PATHS = 100;

	private static final JobTypeDescriptor<FileCleanupPayload> DESCRIPTOR = new JobTypeDescriptor<>(NAME,
			"upload-cleanup", FileCleanupPayload.class);

	private final Clock clock;

	private final DirectoryAllowList allowed;

	public FileCleanupJobType(FileJobProperties properties, Clock clock) {
		this.allowed = new DirectoryAllowList(properties.allowedDirectories());
		this.clock = clock;
	}

	@Override
	public JobTypeDescriptor<FileCleanupPayload> descriptor() {
		return DESCRIPTOR;
	}

	@Override
	public Bookkeeping bookkeeping(FileCleanupPayload payload) {
		return Bookkeeping.LIGHT;
	}

	/** A directory outside the allow-list is refused at enqueue, naming the field. */
	@Override
	public void check(FileCleanupPayload payload) {
		Path directory = Path.of(payload.directory());
		if (!this.allowed.allows(directory)) {
			throw new InvalidPayloadException("directory", refusal(directory));
		}
	}

	private String refusal(Path directory) {
		return "directory " + directory + " is not under an allowed directory; allowed: " + this.allowed.describe();
	}

	@Override
	public Job job(FileCleanupPayload payload, JobContext context) {
		return context.job(NAME, context.step("clean").tasklet((contribution, chunk) -> {
			context.result(clean(payload, context));
			context.progress(100);
			return RepeatStatus.FINISHED;
		}, context.transactionManager()).build());
	}

	private FileCleanupResult clean(FileCleanupPayload payload, JobContext context) throws IOException {
		Path root = Path.of(payload.directory());
		// checked again: the allow-list may have changed since the job was enqueued
		if (!this.allowed.allows(root)) {
			throw new NonRetryableJobException(refusal(root));
		}
		if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
			throw new NonRetryableJobException(
					"directory " + root + " does not exist or is not a directory (a symbolic link is not followed)");
		}
		List<PathMatcher> matchers = payload.patterns()
			.stream()
			.map((pattern) -> FileSystems.getDefault().getPathMatcher("glob:" + pattern))
			.toList();
		Instant cutoff = this.clock.instant().minus(payload.age());
		Tally tally = new Tally();
		// no FOLLOW_LINKS: a link is visited as itself, never entered
		Files.walkFileTree(root, new SimpleFileVisitor<>() {

			@Override
			public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
				Path relative = root.relativize(file);
				if (attributes.isRegularFile() && attributes.lastModifiedTime().toInstant().isBefore(cutoff)
						&& matchers.stream().anyMatch((matcher) -> matcher.matches(relative))) {
					if (!payload.dryRun()) {
						Files.deleteIfExists(file);
					}
					tally.add(relative, attributes.size());
				}
				return context.stopRequested() ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult visitFileFailed(Path file, IOException ex) {
				context.log("skipped " + root.relativize(file) + ": " + ex.getMessage());
				return FileVisitResult.CONTINUE;
			}

		});
		context.log((payload.dryRun() ? "would remove " : "removed ") + tally.files + " files, " + tally.bytes
				+ " bytes, under " + root);
		return new FileCleanupResult(payload.dryRun(), tally.files, tally.bytes, List.copyOf(tally.paths));
	}

	/**
	 * What a cleanup removed, or would remove in a dry run.
	 *
	 * @param dryRun whether nothing was removed
	 * @param files how many files
	 * @param bytes their total size
	 * @param paths the first of their paths, relative to the directory
	 */
	public record FileCleanupResult(boolean dryRun, long files, long bytes, List<String> paths) {

	}

	private static final class Tally {

		private long files;

		private long bytes;

		private final List<String> paths = new ArrayList<>();

		void add(Path relative, long size) {
			this.files++;
			this.bytes += size;
			if (this.paths.size() < LISTED_PATHS) {
				this.paths.add(relative.toString());
			}
		}

	}

}
