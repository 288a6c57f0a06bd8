package dev.batchyard.api;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.nio.charset.StandardCharsets;

import dev.batchyard.catalog.QueueCatalog;
import dev.batchyard.engine.InvalidJobRequestException;
import dev.batchyard.engine.Job;
import dev.batchyard.engine.JobFailure;
import dev.batchyard.engine.JobSearch;
import dev.batchyard.engine.JobStateChanged;
import dev.batchyard.engine.Jobs;
import dev.batchyard.engine.QueueControls;
import graphql.schema.DataFetchingFieldSelectionSet;
import reactor.core.publisher.Flux;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;

/**
 * The job operations: the {@code jobs} and {@code job} queries, the {@code enqueueJob},
 * {@code retryJob}, {@code cancelJob} and {@code deleteJob} mutations (ADMIN only), and
 * the {@code jobEvents} subscription. A job's failures and logs are loaded only when a
 * query asks for them, for every job of a page at once. An application with the ENQUEUER
 * role may enqueue, and sees only the jobs it enqueued, in queries and events alike.
 *
 * @author Batchyard
 */
@Controller
class JobController {

	private static final String CURSOR_PREFIX = "job:";

	private final Jobs jobs;

	private final JobSearch search;

	private final QueueControls controls;

	private final QueueCatalog catalog;

	private final JobEventStream events;

	private final JsonMapper json;

	JobController(Jobs jobs, JobSearch search, QueueControls controls, QueueCatalog catalog, JobEventStream events,
			JsonMapper json) {
		this.jobs = jobs;
		this.search = search;
		this.controls = controls;
		this.catalog = catalog;
		this.events = events;
		this.json = json;
	}

	@QueryMapping
	JobConnection jobs(@Argument JobFilterInput filter, @Argument int first, @Argument String after,
			Authentication caller, DataFetchingFieldSelectionSet selection) {
		JobSearch.Filter matching = (filter != null) ? filter.toFilter() : JobSearch.Filter.ALL;
		if (Callers.isEnqueuerOnly(caller)) {
			matching = matching.enqueuedBy(caller.getName());
		}
		if (matching.queueName() != null) {
			this.catalog.get(matching.queueName());
		}
		// counting every match costs a read of each; a page only first + 1 rows
		JobSearch.Page page = this.search.search(matching, first, (after != null) ? fromCursor(after) : null,
				selection.contains("totalCount"));
		List<JobConnection.JobEdge> edges = page.jobs()
			.stream()
			.map((job) -> new JobConnection.JobEdge(job, cursor(job.id())))
			.toList();
		JobConnection.PageInfo pageInfo = new JobConnection.PageInfo(page.hasNextPage(), false,
				edges.isEmpty() ? null : edges.get(0).cursor(),
				edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor());
		return new JobConnection(edges, pageInfo, Math.toIntExact(Math.min(page.totalCount(), Integer.MAX_VALUE)));
	}

	@QueryMapping
	Job job(@Argument String id, Authentication caller) {
		Job job = this.jobs.find(jobId(id)).orElse(null);
		if (job != null && Callers.isEnqueuerOnly(caller) && !caller.getName().equals(job.enqueuedBy())) {
			// another principal's job: as if there were none
			return null;
		}
		return job;
	}

	@BatchMapping(typeName = "Job")
	List<List<JobFailure>> failures(List<Job> jobs) {
		Map<Long, List<JobFailure>> failures = this.search.failures(jobs.stream().map(Job::id).distinct().toList());
		return jobs.stream().map((job) -> failures.get(job.id())).toList();
	}

	@BatchMapping(typeName = "Job")
	List<List<String>> logs(List<Job> jobs) {
		Map<Long, List<String>> logs = this.search.logs(jobs.stream().map(Job::id).distinct().toList());
		return jobs.stream().map((job) -> logs.get(job.id())).toList();
	}

	@MutationMapping
	@PreAuthorize("hasAnyRole('ADMIN', 'ENQUEUER')")
	Job enqueueJob(@Argument EnqueueJobInput input, Authentication caller) {
		return this.jobs.enqueue(input.toRequest(this.json).sentBy(caller.getName())).job();
	}

	@MutationMapping
	@PreAuthorize("hasRole('ADMIN')")
	Job retryJob(@Argument String id) {
		return this.controls.retry(jobId(id));
	}

	@MutationMapping
	@PreAuthorize("hasRole('ADMIN')")
	Job cancelJob(@Argument String id) {
		return this.controls.cancel(jobId(id));
	}

	@MutationMapping
	@PreAuthorize("hasRole('ADMIN')")
	boolean deleteJob(@Argument String id) {
		this.controls.delete(jobId(id));
		return true;
	}

	@SubscriptionMapping
	Flux<JobStateChanged> jobEvents(@Argument String queueName, Authentication caller) {
		if (queueName != null) {
			this.catalog.get(queueName);
		}
		Flux<JobStateChanged> events = this.events.events(queueName);
		if (Callers.isEnqueuerOnly(caller)) {
			return events.filter(new OwnJobs(caller.getName(), this.search));
		}
		return events;
	}

	private static long jobId(String id) {
		try {
			return Long.parseLong(id.trim());
		}
		catch (NumberFormatException ex) {
			throw new InvalidJobRequestException("id", "id must be a job id such as 42 (was '" + id + "')");
		}
	}

	static String cursor(long id) {
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString((CURSOR_PREFIX + id).getBytes(StandardCharsets.UTF_8));
	}

	private static long fromCursor(String cursor) {
		try {
			String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
			if (text.startsWith(CURSOR_PREFIX)) {
				return Long.parseLong(text.substring(CURSOR_PREFIX.length()));
			}
		}
		catch (IllegalArgumentException ex) {
			// not Base64 or not a number: the same answer as a wrong prefix
		}
		throw new InvalidJobRequestException("after",
				"after must be a cursor of the jobs query (pageInfo.endCursor of the previous page)");
	}

}
