package dev.batchyard.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.batchyard.catalog.Backoff;
import dev.batchyard.catalog.BackoffType;
import dev.batchyard.engine.EnqueueRequest;
import dev.batchyard.engine.InvalidJobRequestException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The GraphQL {@code EnqueueJobInput}.
 *
 * @param type the job type
 * @param queueName the queue, or null for the type's
 * @param payload the payload as a JSON value (maps, lists, plain values), or JSON text
 * @param priority 1 to 10, or null
 * @param delayMs a delay in ms, or null
 * @param runAt a time to run at, or null
 * @param maxAttempts attempts, or null
 * @param backoff the retry delays, or null
 * @param timeoutMs the timeout in ms, or null
 * @param dedupeKey a dedupe key, or null
 * @author Batchyard
 */
record EnqueueJobInput(String type, String queueName, Object payload, Integer priority, Long delayMs, Instant runAt,
		Integer maxAttempts, BackoffInput backoff, Long timeoutMs, String dedupeKey) {

	EnqueueRequest toRequest(JsonMapper json) {
		return EnqueueRequest.of(this.type, JsonPayloads.toJson(this.payload, json))
			.onQueue(this.queueName)
			.withPriority(this.priority)
			.withDelay((this.delayMs != null) ? Duration.ofMillis(this.delayMs) : null)
			.withRunAt(this.runAt)
			.withRetries(this.maxAttempts, (this.backoff != null) ? this.backoff.toBackoff() : null)
			.withTimeout((this.timeoutMs != null) ? Duration.ofMillis(this.timeoutMs) : null)
			.withDedupeKey(this.dedupeKey);
	}

	/**
	 * The GraphQL {@code BackoffInput}.
	 *
	 * @param type how the delay grows
	 * @param delayMs the (first) delay
	 * @param maxDelayMs the cap of an exponential backoff
	 * @param delaysMs the delays of a custom backoff
	 * @param jitter the fraction by which each delay varies, or null for the type's
	 * default
	 */
	record BackoffInput(BackoffType type, Long delayMs, Long maxDelayMs, List<Long> delaysMs, Double jitter) {

		private static final long DEFAULT_MAX_DELAY_MS = 3_600_000;

		Backoff toBackoff() {
			Backoff backoff = withoutJitter();
			return (this.jitter != null) ? backoff.withJitter(this.jitter) : backoff;
		}

		private Backoff withoutJitter() {
			return switch (this.type) {
				case FIXED -> Backoff.fixed(Duration.ofMillis(requireDelay()));
				case EXPONENTIAL -> {
					long delay = requireDelay();
					long cap = (this.maxDelayMs != null) ? this.maxDelayMs : Math.max(DEFAULT_MAX_DELAY_MS, delay);
					if (cap < delay) {
						throw new InvalidJobRequestException("backoff.maxDelayMs",
								"backoff.maxDelayMs must not be shorter than backoff.delayMs");
					}
					yield Backoff.exponential(Duration.ofMillis(delay), Duration.ofMillis(cap));
				}
				case CUSTOM -> {
					if (this.delaysMs == null || this.delaysMs.isEmpty()) {
						throw new InvalidJobRequestException("backoff.delaysMs",
								"a CUSTOM backoff needs backoff.delaysMs: the delay before each retry in ms");
					}
					yield Backoff.custom(this.delaysMs.stream().map(Duration::ofMillis).toList());
				}
			};
		}

		private long requireDelay() {
			if (this.delayMs == null) {
				throw new InvalidJobRequestException("backoff.delayMs",
						"a " + this.type + " backoff needs backoff.delayMs: the delay before a retry in ms");
			}
			return this.delayMs;
		}

	}

}
