package dev.batchyard.schedule;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.quartz.SchedulerException;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code batchyard.schedule.misfire-policy=FIRE_ONCE_NOW}: see
 * {@link MissedTickTestSupport}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.NONE,
		properties = { "spring.datasource.url=jdbc:h2:mem:misfire-fire-once-now;DB_CLOSE_DELAY=-1",
				"batchyard.schedule.misfire-policy=FIRE_ONCE_NOW",
				"spring.quartz.properties.org.quartz.jobStore.misfireThreshold=1000" })
class MisfireFireOnceNowTests extends MissedTickTestSupport {

	@Test
	void threeMissedTicksAreMadeUpByOneJobAsSoonAsANodeCanFire() throws SchedulerException {
		missTheTick("misfire-fire-once-now");

		await().atMost(Duration.ofSeconds(5)).until(() -> jobsOf(this.name) == 1);
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> jobsOf(this.name) == 1);
		assertThat(this.schedules.find(this.name).orElseThrow().nextRunAt()).isAfter(Instant.now().plusSeconds(50));
	}

}
