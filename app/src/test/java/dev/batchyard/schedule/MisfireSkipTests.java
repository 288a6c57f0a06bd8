package dev.batchyard.schedule;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.quartz.SchedulerException;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code batchyard.schedule.misfire-policy=SKIP}: see {@link MissedTickTestSupport}. */
@SpringBootTest(webEnvironment = WebEnvironment.NONE,
		properties = { "spring.datasource.url=jdbc:h2:mem:misfire-skip;DB_CLOSE_DELAY=-1",
				"batchyard.schedule.misfire-policy=SKIP",
				"spring.quartz.properties.org.quartz.jobStore.misfireThreshold=1000" })
class MisfireSkipTests extends MissedTickTestSupport {

	@Test
	void missedTicksAreNotMadeUpAndTheScheduleWaitsForItsNextTick() throws SchedulerException {
		Instant started = missTheTick("misfire-skip");

		await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> jobsOf(this.name) == 0);
		assertThat(nextFireTime()).isAfter(started.plusSeconds(50));
	}

}
