package dev.batchyard.bench;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.LongAdder;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Counts the SQL statements a node sends (a statement added to a batch counts as one) and
 * the commits it makes (a statement or batch executed in autocommit counts as one), by
 * wrapping the node's {@link DataSource}. Registered programmatically on a bench node's
 * context (never component-scanned), it is how the bench reports statements and commits
 * per job.
 *
 * @author Batchyard
 */
final class StatementCounter implements BeanPostProcessor {

	private final LongAdder statements = new LongAdder();

	private final LongAdder commits = new LongAdder();

	long statements() {
		return this.statements.sum();
	}

	long commits() {
		return this.commits.sum();
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof DataSource dataSource && !(bean instanceof CountingDataSource)) {
			return new CountingDataSource(dataSource, this);
		}
		return bean;
	}

	private Object counted(Object target, Class<?> type) {
		return Proxy.newProxyInstance(StatementCounter.class.getClassLoader(), new Class<?>[] { type },
				new Counting(target));
	}

	/**
	 * The node's data source, handing out counted connections; closing it closes the
	 * pool.
	 */
	static final class CountingDataSource extends DelegatingDataSource implements AutoCloseable {

		private final StatementCounter counter;

		CountingDataSource(DataSource target, StatementCounter counter) {
			super(target);
			this.counter = counter;
		}

		@Override
		public Connection getConnection() throws SQLException {
			return (Connection) this.counter.counted(super.getConnection(), Connection.class);
		}

		@Override
		public Connection getConnection(String username, String password) throws SQLException {
			return (Connection) this.counter.counted(super.getConnection(username, password), Connection.class);
		}

		@Override
		public void close() {
			if (getTargetDataSource() instanceof AutoCloseable closeable) {
				try {
					closeable.close();
				}
				catch (Exception ex) {
					throw new IllegalStateException("Could not close the node's pool", ex);
				}
			}
		}

	}

	private final class Counting implements InvocationHandler {

		private final Object target;

		Counting(Object target) {
			this.target = target;
		}

		@Override
		public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
			String name = method.getName();
			if (this.target instanceof Statement statement) {
				if (name.equals("addBatch") || (name.startsWith("execute") && !name.endsWith("Batch"))) {
					StatementCounter.this.statements.increment();
				}
				if (name.startsWith("execute") && statement.getConnection().getAutoCommit()) {
					// a statement in autocommit commits on its own
					StatementCounter.this.commits.increment();
				}
			}
			else if (name.equals("commit")) {
				StatementCounter.this.commits.increment();
			}
			Object result;
			try {
				result = method.invoke(this.target, args);
			}
			catch (InvocationTargetException ex) {
				throw ex.getCause();
			}
			if (result instanceof Statement && method.getReturnType().isInterface()
					&& Statement.class.isAssignableFrom(method.getReturnType()) && this.target instanceof Connection) {
				return counted(result, method.getReturnType());
			}
			return result;
		}

	}

}
