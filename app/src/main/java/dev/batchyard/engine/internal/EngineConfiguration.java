package dev.batchyard.engine.internal;

import java.sql.DatabaseMetaData;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import dev.batchyard.catalog.QueueCatalog;
import dev.batchyard.catalog.spi.JobType;
import dev.batchyard.engine.AttemptAllocations;
import dev.batchyard.engine.BatchMetadata;
import dev.batchyard.engine.EngineProperties;
import dev.batchyard.engine.EngineProperties.NodeProperties;
import dev.batchyard.engine.JobSearch;
import dev.batchyard.engine.MemoryAdmission;
import dev.batchyard.engine.Jobs;
import dev.batchyard.engine.QueueControls;
import dev.batchyard.engine.StepDecorator;
import dev.batchyard.limits.RateLimits;
import dev.batchyard.limits.Timeouts;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires the engine of this node.
 *
 * @author Batchyard
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ EngineProperties.class, NodeProperties.class })
class EngineConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	NodeIdentity nodeIdentity(NodeProperties properties, Clock clock) {
		return NodeIdentity.of(properties, clock.instant());
	}

	@Bean
	JobStore jobStore(JdbcClient jdbc, JdbcTemplate template, DataSource dataSource) {
		return new JobStore(jdbc, template, isPostgres(dataSource));
	}

	@Bean
	TransactionTemplate engineTransactions(PlatformTransactionManager transactionManager) {
		return new TransactionTemplate(transactionManager);
	}

	@Bean
	BatchMetadata batchMetadata(JdbcClient jdbc, JobRepository jobRepository, TransactionTemplate engineTransactions,
			Clock clock) {
		return new JdbcBatchMetadata(jdbc, jobRepository, engineTransactions, clock);
	}

	@Bean
	Wakeups wakeups(JdbcClient jdbc, DataSource dataSource, Clock clock, NodeIdentity node) {
		return new Wakeups(jdbc, isPostgres(dataSource), clock, node.id());
	}

	@Bean
	JobTypeRegistry jobTypeRegistry(ObjectProvider<JobType<?>> jobTypes) {
		return new JobTypeRegistry(jobTypes);
	}

	@Bean
	JobEvents jobEvents(ApplicationEventPublisher publisher) {
		return new JobEvents(publisher);
	}

	@Bean
	Jobs jobs(QueueCatalog catalog, JobTypeRegistry types, JobStore store, TransactionTemplate engineTransactions,
			JsonMapper json, Clock clock, Wakeups wakeups, EngineProperties properties, JobEvents events,
			ObjectProvider<MemoryAdmission> memory) {
		return new EnqueueService(catalog, types, store, engineTransactions, json, clock, wakeups, properties, events,
				memory.getIfAvailable(() -> MemoryAdmission.NONE));
	}

	@Bean
	JobSearch jobSearch(JdbcClient jdbc, JdbcTemplate template, DataSource dataSource) {
		return new JdbcJobSearch(jdbc, template, isPostgres(dataSource));
	}

	@Bean
	QueueControls queueControls(QueueCatalog catalog, JobStore store, JdbcTemplate template,
			TransactionTemplate engineTransactions, RunningAttempts running, Wakeups wakeups, Clock clock,
			JobEvents events) {
		return new QueueControlService(catalog, store, template, engineTransactions, running, wakeups, clock, events);
	}

	@Bean
	RunningAttempts runningAttempts() {
		return new RunningAttempts();
	}

	@Bean
	CompletionWriter completionWriter(JobStore store, TransactionTemplate engineTransactions, Clock clock,
			NodeIdentity node, JobEvents events, EngineProperties properties) {
		// pending completions keep their leases: keep trying through an outage of twice
		// the lease before the jobs are left to be rescued and run again
		return new CompletionWriter(store, engineTransactions, clock, node.id(), events,
				properties.leaseDuration().multipliedBy(2));
	}

	@Bean
	JobLimiters jobLimiters(QueueCatalog catalog, JobTypeRegistry types, RateLimits rateLimits) {
		return new JobLimiters(catalog, types, rateLimits);
	}

	@Bean
	RateLimitDecorator rateLimitDecorator(JobLimiters jobLimiters) {
		return new RateLimitDecorator(jobLimiters);
	}

	@Bean
	TimeLimitDecorator timeLimitDecorator(Timeouts timeouts, RunningAttempts running, MeterRegistry meters,
			ApplicationEventPublisher events, JobStore store, TransactionTemplate engineTransactions,
			EngineProperties properties, Clock clock) {
		TimeLimitDecorator.JobLog jobLog = (jobId, line) -> engineTransactions
			.executeWithoutResult((status) -> store.log(jobId, line, clock.instant(), properties.maxLogLines()));
		return new TimeLimitDecorator(timeouts, running, new TimeLimitDecorator.Outlets(meters, events, jobLog), clock,
				System::nanoTime);
	}

	@Bean
	StepTimingDecorator stepTimingDecorator(MeterRegistry meters) {
		return new StepTimingDecorator(meters);
	}

	@Bean
	JobRunner jobRunner(JobTypeRegistry types, JobStore store, TransactionTemplate engineTransactions,
			JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ObjectProvider<StepDecorator> decorators, RunningAttempts running, Wakeups wakeups,
			CompletionWriter completions, Timeouts timeouts, JobEvents events, JobLimiters jobLimiters, JsonMapper json,
			Clock clock, NodeIdentity node, EngineProperties properties, ObjectProvider<AttemptAllocations> allocations,
			Environment environment) {
		List<StepDecorator> ordered = decorators.orderedStream()
			.sorted(AnnotationAwareOrderComparator.INSTANCE)
			.toList();
		JobRunner.Collaborators collaborators = new JobRunner.Collaborators(types, store, engineTransactions,
				new BatchLaunches(),
				new RunContext.Infrastructure(jobRepository, transactionManager, new ResourcelessTransactionManager(),
						new AtomicLong()),
				running, wakeups, completions, timeouts, events, jobLimiters,
				// while the attempt is still running here its lease is renewed: keep
				// trying
				// through a database outage of twice the lease before giving the job up
				new OutcomeWrites(properties.leaseDuration().multipliedBy(2), System::nanoTime),
				// the memory feature's switch; the engine only counts
				new AllocationCounter(
						environment.getProperty("batchyard.memory.track-allocations", Boolean.class, Boolean.TRUE),
						allocations.orderedStream().toList()));
		return new JobRunner(collaborators, ordered, json, clock, node.id(), properties.maxLogLines());
	}

	@Bean
	Engine engine(QueueCatalog catalog, NodeIdentity node, JobStore store, TransactionTemplate engineTransactions,
			JobRunner runner, RunningAttempts running, Wakeups wakeups, CompletionWriter completions,
			RateLimits rateLimits, EngineProperties properties, Clock clock, MeterRegistry meters, JobEvents events,
			ObjectProvider<MemoryAdmission> memory) {
		return new Engine(catalog, node,
				new Engine.Collaborators(store, engineTransactions, runner, running, wakeups, completions,
						new LimiterGate(catalog, rateLimits, clock, memory.getIfAvailable(() -> MemoryAdmission.NONE)),
						new DispatchFaults(meters), events),
				properties, clock);
	}

	@Bean
	DispatcherHealthIndicator dispatchersHealthIndicator(Engine engine) {
		return new DispatcherHealthIndicator(engine);
	}

	@Bean
	PostgresListener postgresListener(DataSource dataSource, Wakeups wakeups, NodeIdentity node) {
		return isPostgres(dataSource) ? new PostgresListener(dataSource, wakeups, node.id()) : null;
	}

	static boolean isPostgres(DataSource dataSource) {
		try {
			String product = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
			return "PostgreSQL".equals(product);
		}
		catch (MetaDataAccessException ex) {
			return false;
		}
	}

}
