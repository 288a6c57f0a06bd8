package dev.batchyard.engine.internal;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.batchyard.engine.JobState;
import dev.batchyard.engine.JobStateChanged;
import org.junit.jupiter.api.Test;

import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Job events reach an application's listeners the ways Spring offers: an
 * {@code @EventListener} method of the record, and an {@link ApplicationListener} of the
 * payload event; a listener of another payload gets nothing.
 */
class JobEventsTests {

	@Test
	void everyKindOfListenerOfJobStateChangedReceivesTheEvent() {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(Listeners.class)) {
			JobEvents events = new JobEvents(context);
			Instant at = Instant.parse("2026-11-23T10:00:00Z");

			events.changed(42, "default", "probe", JobState.COMPLETED, at);

			JobStateChanged expected = new JobStateChanged(42, "default", "probe", JobState.COMPLETED, at);
			Listeners listeners = context.getBean(Listeners.class);
			assertThat(listeners.byMethod).containsExactly(expected);
			assertThat(context.getBean(PayloadListener.class).received).containsExactly(expected);
			assertThat(listeners.strings).isEmpty();
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class Listeners {

		final List<JobStateChanged> byMethod = new CopyOnWriteArrayList<>();

		final List<String> strings = new CopyOnWriteArrayList<>();

		@EventListener
		void changed(JobStateChanged event) {
			this.byMethod.add(event);
		}

		@EventListener
		void text(String event) {
			this.strings.add(event);
		}

		@Bean
		PayloadListener payloadListener() {
			return new PayloadListener();
		}

	}

	static class PayloadListener implements ApplicationListener<PayloadApplicationEvent<JobStateChanged>> {

		final List<JobStateChanged> received = new CopyOnWriteArrayList<>();

		@Override
		public void onApplicationEvent(PayloadApplicationEvent<JobStateChanged> event) {
			this.received.add(event.getPayload());
		}

	}

}
