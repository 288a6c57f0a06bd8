package dev.batchyard.limits.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

class LiveNodesTests {

	private final Instant now = Instant.parse("2026-11-23T12:00:00Z");

	@Test
	void onlyNodesUpWithARecentHeartbeatShareALimitAndThereIsAlwaysOne() {
		JdbcClient jdbc = migratedDatabase();
		assertThat(new LiveNodes(jdbc, Clock.fixed(this.now, ZoneOffset.UTC)).getAsInt()).isEqualTo(1);

		node(jdbc, "a", "UP", this.now.minusSeconds(5));
		node(jdbc, "b", "UP", this.now.minusSeconds(20));
		node(jdbc, "c", "UP", this.now.minus(LiveNodes.ALIVE).minusSeconds(1));
		node(jdbc, "d", "STOPPED", this.now);

		assertThat(new LiveNodes(jdbc, Clock.fixed(this.now, ZoneOffset.UTC)).getAsInt()).isEqualTo(2);
	}

	@Test
	void theCountIsLookedUpAgainOnlyAfterAFewSeconds() {
		JdbcClient jdbc = migratedDatabase();
		MutableClock clock = new MutableClock(this.now);
		LiveNodes nodes = new LiveNodes(jdbc, clock);
		node(jdbc, "a", "UP", this.now);
		assertThat(nodes.getAsInt()).isEqualTo(1);

		node(jdbc, "b", "UP", this.now);
		assertThat(nodes.getAsInt()).isEqualTo(1);
		clock.now = this.now.plus(Duration.ofSeconds(6));
		assertThat(nodes.getAsInt()).isEqualTo(2);
	}

	private static void node(JdbcClient jdbc, String id, String status, Instant heartbeat) {
		jdbc.sql("INSERT INTO node (id, host, started_at, heartbeat_at, queues, status) VALUES (?, 'h', ?, ?, '', ?)")
			.params(id, heartbeat.atOffset(ZoneOffset.UTC), heartbeat.atOffset(ZoneOffset.UTC), status)
			.update();
	}

	private static JdbcClient migratedDatabase() {
		JdbcDataSource dataSource = new JdbcDataSource();
		dataSource.setURL("jdbc:h2:mem:live-nodes-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/h2").load().migrate();
		return JdbcClient.create(dataSource);
	}

	private static final class MutableClock extends Clock {

		private Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		@Override
		public java.time.ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
