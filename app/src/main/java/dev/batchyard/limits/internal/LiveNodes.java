package dev.batchyard.limits.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.IntSupplier;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How many nodes are alive now, from the heartbeats in the {@code node} table: the share
 * of a limit each node takes while Redis is unreachable. Looked up at most every
 * {@link #CACHE} and kept when the database does not answer either.
 *
 * @author Batchyard
 */
public final class LiveNodes implements IntSupplier {

	/** A node whose last heartbeat is older than this is not counted. */
	static final Duration ALIVE = Duration.ofSeconds(30);

	private static final Duration CACHE = Duration.ofSeconds(5);

	private final JdbcClient jdbc;

	private final Clock clock;

	private volatile int count = 1;

	private volatile Instant checkedAt = Instant.MIN;

	public LiveNodes(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	public int getAsInt() {
		Instant now = this.clock.instant();
		if (Duration.between(this.checkedAt, now).compareTo(CACHE) >= 0) {
			this.checkedAt = now;
			try {
				Integer alive = this.jdbc.sql("SELECT count(*) FROM node WHERE status = 'UP' AND heartbeat_at > ?")
					.param(now.minus(ALIVE).atOffset(ZoneOffset.UTC))
					.query(Integer.class)
					.single();
				this.count = Math.max(1, alive);
			}
			catch (RuntimeException ex) {
				// keep the last count
			}
		}
		return this.count;
	}

}
