package dev.batchyard.schedule.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;

import javax.sql.DataSource;

import org.quartz.SchedulerConfigException;
import org.quartz.impl.jdbcjobstore.SchedulerStateRecord;
import org.quartz.spi.ClassLoadHelper;
import org.quartz.spi.SchedulerSignaler;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.scheduling.quartz.LocalDataSourceJobStore;
import org.springframework.scheduling.quartz.SchedulerFactoryBean;

/**
 * Spring's {@link LocalDataSourceJobStore}, with its connection providers registered
 * under a key of its own rather than under the scheduler's name.
 * <p>
 * Quartz's {@link DBConnectionManager} is one per JVM. Spring registers the store's
 * providers as {@code springTxDataSource.<schedulerName>}, so two application contexts in
 * one JVM with the same scheduler name (several nodes in a test, or cached test contexts
 * on different databases) overwrite each other's: the first node's Quartz would then
 * write through the last node's pool, outside the first node's transactions. Every node
 * must keep the same scheduler name, since that is what makes them one Quartz cluster, so
 * the key is made unique instead.
 * <p>
 * It also takes a silent node for dead sooner than Quartz does. Quartz waits for a node's
 * check-in interval plus a fixed 7.5 s before it releases the triggers that node had
 * taken, so a per-second schedule whose next tick was held by a killed node fired nothing
 * for 12 to 19 s. Here the fixed 7.5 s is {@code failoverGraceMillis}
 * ({@code batchyard.schedule.failover-grace}, 1.5 s). As in Quartz, a node that has not
 * checked in itself for longer than the interval (it was paused) waits that much longer
 * before it judges the others.
 *
 * @author Batchyard
 */
public class NodeLocalDataSourceJobStore extends LocalDataSourceJobStore {

	private long failoverGraceMillis = 7500;

	/**
	 * Called by Quartz from {@code org.quartz.jobStore.failoverGraceMillis}.
	 * @param failoverGraceMillis how much longer than its check-in interval a node may
	 * stay silent before it is taken for dead
	 */
	public void setFailoverGraceMillis(long failoverGraceMillis) {
		this.failoverGraceMillis = failoverGraceMillis;
	}

	@Override
	protected long calcFailedIfAfter(SchedulerStateRecord rec) {
		long sinceOwnCheckIn = System.currentTimeMillis() - this.lastCheckin;
		return rec.getCheckinTimestamp() + Math.max(rec.getCheckinInterval(), sinceOwnCheckIn)
				+ this.failoverGraceMillis;
	}

	@Override
	public void initialize(ClassLoadHelper loadHelper, SchedulerSignaler signaler) throws SchedulerConfigException {
		DataSource transactional = SchedulerFactoryBean.getConfigTimeDataSource();
		DataSource nonTransactional = SchedulerFactoryBean.getConfigTimeNonTransactionalDataSource();
		DataSource plain = (nonTransactional != null) ? nonTransactional : transactional;
		super.initialize(loadHelper, signaler);
		String suffix = "." + getInstanceName() + "." + UUID.randomUUID();
		DBConnectionManager.getInstance()
			.addConnectionProvider("batchyardTxDataSource" + suffix,
					new Provider(() -> DataSourceUtils.doGetConnection(transactional)));
		DBConnectionManager.getInstance()
			.addConnectionProvider("batchyardNonTxDataSource" + suffix, new Provider(plain::getConnection));
		setDataSource("batchyardTxDataSource" + suffix);
		setNonManagedTXDataSource("batchyardNonTxDataSource" + suffix);
	}

	private interface ConnectionSource {

		Connection get() throws SQLException;

	}

	private record Provider(ConnectionSource source) implements ConnectionProvider {

		@Override
		public Connection getConnection() throws SQLException {
			return this.source.get();
		}

		@Override
		public void shutdown() {
			// the DataSource is Spring's and closes with the context
		}

		@Override
		public void initialize() {
		}

	}

}
