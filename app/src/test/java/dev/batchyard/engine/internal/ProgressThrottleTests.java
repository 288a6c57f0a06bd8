package dev.batchyard.engine.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which progress reports are stored: the first, then one per 250 ms at most; never 100
 * (completion writes it) and never a repeat. Time is moved by the test.
 */
class ProgressThrottleTests {

	private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

	private final ProgressThrottle throttle = new ProgressThrottle(this.nanos::get);

	@Test
	void theFirstReportIsStoredAndReportsWithin250MsOfItAreDropped() {
		assertThat(this.throttle.accept(10)).isEqualTo(10);
		advanceMillis(249);
		assertThat(this.throttle.accept(20)).isEqualTo(-1);
	}

	@Test
	void aReport250MsAfterTheLastStoredOneIsStored() {
		this.throttle.accept(10);
		advanceMillis(100);
		this.throttle.accept(20);
		advanceMillis(150);

		assertThat(this.throttle.accept(30)).isEqualTo(30);
		advanceMillis(249);
		assertThat(this.throttle.accept(40)).isEqualTo(-1);
	}

	@Test
	void aRepeatOf100AndOutOfRangeValuesAreHandled() {
		assertThat(this.throttle.accept(0)).as("0 is what a new attempt starts with").isEqualTo(-1);
		assertThat(this.throttle.accept(-5)).isEqualTo(-1);
		assertThat(this.throttle.accept(150)).as("clamped to 100, which completion writes").isEqualTo(-1);
		assertThat(this.throttle.accept(50)).isEqualTo(50);
		advanceMillis(1000);
		assertThat(this.throttle.accept(50)).isEqualTo(-1);
		assertThat(this.throttle.accept(100)).isEqualTo(-1);
	}

	private void advanceMillis(long millis) {
		this.nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
	}

}
