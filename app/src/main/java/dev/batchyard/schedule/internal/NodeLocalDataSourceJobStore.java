package dev.batchyard.schedule.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;

import javax.sql.DataSource;

import org.quartz.SchedulerConfigException;
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
 *
 * @author Batchyard
 */
public class NodeLocalDataSourceJobStore extends LocalDataSourceJobStore {

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
