package dev.batchyard.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.quartz.Job;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.ConnectionProvider;

import static org.quartz.JobBuilder.newJob;
import static org.quartz.TriggerBuilder.newTrigger;

/**
 * Baseline (b): Quartz alone, the classic "Quartz launches the job" design. A clustered
 * {@code JobStoreTX} on its own database (migrated with the project's Flyway scripts, so
 * the same Quartz tables), 16 worker threads, and the no-op work stored as one
 * non-durable job with one one-shot trigger each. Measured from {@code start()} to the
 * last execution.
 * <p>
 * Quartz settings are the app's ({@code isClustered}, {@code clusterCheckinInterval} 5 s)
 * with Quartz's defaults otherwise, except a misfire threshold of 60 s, so a backlog is
 * not also a misfire storm, and tuned for a backlog: up to 16 triggers per acquisition
 * ({@code batchTriggerAcquisitionMaxCount}, with {@code acquireTriggersWithinLock}).
 *
 * @author Batchyard
 */
final class QuartzBaseline implements AutoCloseable {

	private static final String LATCH = "bench.latch";

	private final Scheduler scheduler;

	QuartzBaseline(String jdbcUrl) throws SchedulerException {
		Flyway.configure()
			.dataSource(jdbcUrl, "postgres", "postgres")
			.locations("classpath:db/migration/postgresql")
			.load()
			.migrate();
		Properties properties = new Properties();
		properties.setProperty("org.quartz.scheduler.instanceName", "bench-quartz");
		properties.setProperty("org.quartz.scheduler.instanceId", "AUTO");
		properties.setProperty("org.quartz.threadPool.threadCount", String.valueOf(BenchSettings.WORKERS));
		// tuned as a fair user would for a backlog of one-shot triggers: acquire up to a
		// pool's worth per round trip instead of one (Quartz then needs the lock)
		properties.setProperty("org.quartz.scheduler.batchTriggerAcquisitionMaxCount",
				String.valueOf(BenchSettings.WORKERS));
		properties.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
		properties.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
		properties.setProperty("org.quartz.jobStore.driverDelegateClass",
				"org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
		properties.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
		properties.setProperty("org.quartz.jobStore.isClustered", "true");
		properties.setProperty("org.quartz.jobStore.clusterCheckinInterval", "5000");
		properties.setProperty("org.quartz.jobStore.misfireThreshold", "60000");
		properties.setProperty("org.quartz.jobStore.dataSource", "bench");
		properties.setProperty("org.quartz.dataSource.bench.connectionProvider.class",
				PooledConnections.class.getName());
		properties.setProperty("org.quartz.dataSource.bench.url", jdbcUrl);
		properties.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
		StdSchedulerFactory factory = new StdSchedulerFactory();
		factory.initialize(properties);
		this.scheduler = factory.getScheduler();
	}

	/** Stores {@code count} one-shot no-op jobs, starts the scheduler: jobs/s. */
	double run(int count) throws Exception {
		this.scheduler.standby();
		CountDownLatch done = new CountDownLatch(count);
		this.scheduler.getContext().put(LATCH, done);
		Map<JobDetail, Set<? extends Trigger>> jobs = new HashMap<>();
		for (int i = 0; i < count; i++) {
			JobDetail job = newJob(NoOpJob.class).withIdentity("noop-" + i, "bench").build();
			jobs.put(job, Set.of(newTrigger().withIdentity("noop-" + i, "bench").startNow().build()));
		}
		this.scheduler.scheduleJobs(jobs, true);
		long started = System.nanoTime();
		this.scheduler.start();
		if (!done.await(10, TimeUnit.MINUTES)) {
			throw new IllegalStateException("Quartz ran " + (count - done.getCount()) + " of " + count);
		}
		double rate = Baselines.perSecond(count, started);
		this.scheduler.standby();
		return rate;
	}

	@Override
	public void close() throws SchedulerException {
		this.scheduler.shutdown(true);
	}

	/** The no-op work: counts itself done. */
	public static class NoOpJob implements Job {

		@Override
		public void execute(JobExecutionContext context) throws JobExecutionException {
			try {
				((CountDownLatch) context.getScheduler().getContext().get(LATCH)).countDown();
			}
			catch (SchedulerException ex) {
				throw new JobExecutionException(ex);
			}
		}

	}

	/** A Hikari pool for Quartz, configured by properties. */
	public static class PooledConnections implements ConnectionProvider {

		private String url;

		private HikariDataSource pool;

		public void setUrl(String url) {
			this.url = url;
		}

		@Override
		public Connection getConnection() throws SQLException {
			return this.pool.getConnection();
		}

		@Override
		public void shutdown() {
			this.pool.close();
		}

		@Override
		public void initialize() {
			HikariConfig config = new HikariConfig();
			config.setJdbcUrl(this.url);
			config.setUsername("postgres");
			config.setPassword("postgres");
			config.setMaximumPoolSize(BenchSettings.WORKERS + 4);
			config.setAutoCommit(false);
			config.setPoolName("bench-quartz");
			this.pool = new HikariDataSource(config);
		}

	}

}
