package dev.batchyard.schema;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import org.quartz.utils.ConnectionProvider;

/**
 * A Quartz connection provider that opens a plain JDBC connection per request, so a test
 * can point a {@code JobStoreTX} at a migrated database with properties only
 * ({@code org.quartz.dataSource.<name>.connectionProvider.class} plus {@code url},
 * {@code user} and {@code password}).
 *
 * @author Batchyard
 */
public class QuartzConnectionProvider implements ConnectionProvider {

	private String url;

	private String user;

	private String password;

	public void setUrl(String url) {
		this.url = url;
	}

	public void setUser(String user) {
		this.user = user;
	}

	public void setPassword(String password) {
		this.password = password;
	}

	@Override
	public Connection getConnection() throws SQLException {
		return DriverManager.getConnection(this.url, this.user, this.password);
	}

	@Override
	public void shutdown() {
	}

	@Override
	public void initialize() {
	}

}
