package dev.batchyard.catalog.backup;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;

import javax.sql.DataSource;

/**
 * One database a backup reads: Batchyard's own store (through its data source) or a
 * configured one (through its URL).
 *
 * @param label the name in the backup's file name: the source's name, or {@code store}
 * @param url the JDBC URL
 * @param username the user
 * @param password the password
 * @param pgDump the {@code pg_dump} command, for PostgreSQL
 * @param dataSource the data source of the own store; {@code null} for a configured one
 * @author Batchyard
 */
record BackupSource(String label, String url, String username, String password, String pgDump, DataSource dataSource) {

	boolean postgres() {
		return this.url.toLowerCase(Locale.ROOT).startsWith("jdbc:postgresql:");
	}

	boolean h2() {
		return this.url.toLowerCase(Locale.ROOT).startsWith("jdbc:h2:");
	}

	Connection connect() throws SQLException {
		return (this.dataSource != null) ? this.dataSource.getConnection()
				: DriverManager.getConnection(this.url, this.username, this.password);
	}

	/**
	 * The URL in libpq's form for {@code pg_dump}: {@code postgresql://host:port/db},
	 * without the JDBC driver's own parameters (libpq would refuse them).
	 */
	String libpqUrl() {
		String rest = this.url.substring("jdbc:postgresql:".length());
		int query = rest.indexOf('?');
		if (query >= 0) {
			rest = rest.substring(0, query);
		}
		return rest.startsWith("//") ? "postgresql:" + rest : "postgresql://localhost/" + rest;
	}

}
