package dev.batchyard.limits.internal;

import java.nio.ByteBuffer;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.IntCountsHistogram;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Attempt durations per queue as mergeable HdrHistograms (milliseconds, two significant
 * digits), cluster-wide through the {@code execution_histogram} table.
 * <p>
 * This process records into one histogram per queue and minute ({@link #SLOT}); every
 * {@link #flush()} writes the histograms changed since the last one under this process's
 * writer id (one row per queue, minute and writer: a writer only ever rewrites its own
 * rows, so no two nodes contend). A reader merges the rows of the recent window of every
 * writer. Rows older than twice {@link AdaptiveTimeout#WINDOW} are deleted by
 * {@link #purge()}.
 *
 * @author Batchyard
 */
public final class ExecutionHistograms {

	/** The time slot one histogram row covers. */
	public static final Duration SLOT = Duration.ofMinutes(1);

	private static final int SIGNIFICANT_DIGITS = 2;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final String writerId = UUID.randomUUID().toString();

	private final Map<Key, Slot> local = new ConcurrentHashMap<>();

	public ExecutionHistograms(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Counts one attempt's duration in this process's histogram of the current minute.
	 * @param queueName the queue
	 * @param duration how long the attempt ran
	 */
	public void record(String queueName, Duration duration) {
		Slot slot = this.local.computeIfAbsent(new Key(queueName, slotOf(this.clock.instant())), (key) -> new Slot());
		synchronized (slot) {
			slot.histogram.recordValue(Math.max(0, duration.toMillis()));
			slot.dirty = true;
		}
	}

	/**
	 * Writes this process's changed histograms; forgets those of past minutes once
	 * written.
	 */
	public void flush() {
		Instant current = slotOf(this.clock.instant());
		for (Map.Entry<Key, Slot> entry : this.local.entrySet()) {
			Slot slot = entry.getValue();
			byte[] encoded = null;
			long count = 0;
			synchronized (slot) {
				if (slot.dirty) {
					ByteBuffer buffer = ByteBuffer.allocate(slot.histogram.getNeededByteBufferCapacity());
					int length = slot.histogram.encodeIntoCompressedByteBuffer(buffer);
					encoded = new byte[length];
					buffer.flip();
					buffer.get(encoded);
					count = slot.histogram.getTotalCount();
					slot.dirty = false;
				}
			}
			if (encoded != null) {
				try {
					save(entry.getKey(), count, encoded);
				}
				catch (RuntimeException ex) {
					synchronized (slot) {
						slot.dirty = true;
					}
					throw ex;
				}
			}
			if (entry.getKey().slot().isBefore(current)) {
				synchronized (slot) {
					if (!slot.dirty) {
						this.local.remove(entry.getKey(), slot);
					}
				}
			}
		}
	}

	/**
	 * The histograms of every writer over the recent window, merged per queue.
	 * @return the merged histograms by queue
	 */
	public Map<String, Histogram> recent() {
		return read(null);
	}

	/**
	 * One queue's histograms of every writer over the recent window, merged.
	 * @param queueName the queue
	 * @return the merged histogram (empty when there is no sample)
	 */
	public Histogram recent(String queueName) {
		Histogram merged = read(queueName).get(queueName);
		return (merged != null) ? merged : newHistogram();
	}

	/**
	 * The durations of a queue's last completed jobs, newest first.
	 * @param queueName the queue
	 * @param limit how many
	 * @return the durations in milliseconds
	 */
	public List<Long> lastCompleted(String queueName, int limit) {
		return this.jdbc
			.sql("SELECT duration_ms FROM job WHERE queue_name = :queue AND state = 'completed'"
					+ " AND duration_ms IS NOT NULL ORDER BY finished_at DESC, id DESC LIMIT " + limit)
			.param("queue", queueName)
			.query(Long.class)
			.list();
	}

	/**
	 * Deletes rows older than twice the window.
	 * @return the rows deleted
	 */
	public int purge() {
		Instant before = slotOf(this.clock.instant()).minus(AdaptiveTimeout.WINDOW.multipliedBy(2));
		return this.jdbc.sql("DELETE FROM execution_histogram WHERE window_start < :before")
			.param("before", OffsetDateTime.ofInstant(before, ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE)
			.update();
	}

	private Map<String, Histogram> read(String queueName) {
		Instant since = slotOf(this.clock.instant()).minus(AdaptiveTimeout.WINDOW);
		Map<String, Histogram> merged = new HashMap<>();
		this.jdbc
			.sql("SELECT queue_name, histogram FROM execution_histogram WHERE window_start >= :since"
					+ ((queueName != null) ? " AND queue_name = :queue" : ""))
			.param("since", OffsetDateTime.ofInstant(since, ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE)
			.params((queueName != null) ? Map.of("queue", queueName) : Map.of())
			.query((rs) -> {
				Histogram histogram = merged.computeIfAbsent(rs.getString("queue_name"), (name) -> newHistogram());
				histogram.add(decode(rs.getBytes("histogram")));
			});
		return merged;
	}

	private void save(Key key, long count, byte[] histogram) {
		MapSqlParameterSource row = new MapSqlParameterSource().addValue("count", count)
			.addValue("histogram", histogram, Types.VARBINARY)
			.addValue("now", OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC),
					Types.TIMESTAMP_WITH_TIMEZONE)
			.addValue("queue", key.queueName())
			.addValue("slot", OffsetDateTime.ofInstant(key.slot(), ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE)
			.addValue("writer", this.writerId);
		int updated = this.jdbc
			.sql("UPDATE execution_histogram SET sample_count = :count, histogram = :histogram, updated_at = :now "
					+ "WHERE queue_name = :queue AND window_start = :slot AND writer_id = :writer")
			.paramSource(row)
			.update();
		if (updated > 0) {
			return;
		}
		try {
			this.jdbc
				.sql("INSERT INTO execution_histogram (queue_name, window_start, writer_id, sample_count, histogram, "
						+ "updated_at) VALUES (:queue, :slot, :writer, :count, :histogram, :now)")
				.paramSource(row)
				.update();
		}
		catch (DuplicateKeyException ex) {
			// a concurrent flush of this process wrote it first: write ours over it
			save(key, count, histogram);
		}
	}

	private static Histogram decode(byte[] bytes) {
		try {
			return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), 0);
		}
		catch (java.util.zip.DataFormatException ex) {
			throw new IllegalStateException("An execution histogram row cannot be decoded", ex);
		}
	}

	static Histogram newHistogram() {
		Histogram histogram = new Histogram(SIGNIFICANT_DIGITS);
		histogram.setAutoResize(true);
		return histogram;
	}

	private static Instant slotOf(Instant instant) {
		return instant.truncatedTo(ChronoUnit.MINUTES);
	}

	private record Key(String queueName, Instant slot) {

	}

	private static final class Slot {

		private final IntCountsHistogram histogram = new IntCountsHistogram(SIGNIFICANT_DIGITS);

		private boolean dirty;

		private Slot() {
			this.histogram.setAutoResize(true);
		}

	}

}
