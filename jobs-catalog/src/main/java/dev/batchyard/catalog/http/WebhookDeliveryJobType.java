package dev.batchyard.catalog.http;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import dev.batchyard.catalog.spi.Bookkeeping;
import dev.batchyard.catalog.spi.JobContext;
import dev.batchyard.catalog.spi.JobType;
import dev.batchyard.catalog.spi.JobTypeDescriptor;
import dev.batchyard.catalog.spi.NonRetryableJobException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The built-in {@code webhook-delivery} job type on the {@code default} queue: POSTs
 * {@code {"id", "type", "data"}} as JSON, signed (see {@link WebhookSignature}). Any
 * answer but a 2xx or 3xx is retried, after the receiver's {@code Retry-After} when it
 * sends one, for {@value #ATTEMPTS} attempts unless the enqueuer names another number: a
 * receiver that is down for an hour still gets its events. The request times out after
 * {@value #TIMEOUT_SECONDS} s.
 *
 * @author Batchyard
 */
public class WebhookDeliveryJobType implements JobType<WebhookPayload> {

	/** The type's name. */
	public static final String NAME = "webhook-delivery";

	static final int ATTEMPTS = 15;

	static final int TIMEOUT_SECONDS = 30;

	private static final JobTypeDescriptor<WebhookPayload> DESCRIPTOR = new JobTypeDescriptor<>(NAME, "default",
			WebhookPayload.class);

	private final HttpExchange exchange;

	private final String secret;

	private final Clock clock;

	private final JsonMapper json = JsonMapper.builder().build();

	public WebhookDeliveryJobType(HttpJobProperties properties, Clock clock) {
		this.exchange = new HttpExchange(new HostAllowList(properties.allowedHosts()), clock);
		this.secret = properties.webhookSecret();
		this.clock = clock;
	}

	@Override
	public JobTypeDescriptor<WebhookPayload> descriptor() {
		return DESCRIPTOR;
	}

	@Override
	public Bookkeeping bookkeeping(WebhookPayload payload) {
		return Bookkeeping.LIGHT;
	}

	@Override
	public OptionalInt maxAttempts() {
		return OptionalInt.of(ATTEMPTS);
	}

	/** One SMTP exchange or one POST: a minute is plenty, and frees the worker sooner. */
	@Override
	public Optional<Duration> timeout() {
		return Optional.of(Duration.ofSeconds(60));
	}

	@Override
	public Job job(WebhookPayload payload, JobContext context) {
		return context.job(NAME, context.step("deliver").tasklet((contribution, chunk) -> {
			if (this.secret == null || this.secret.isBlank()) {
				throw new NonRetryableJobException(
						"batchyard.job-types.http.webhook-secret is not set: webhooks are only sent signed");
			}
			String eventId = (payload.eventId() != null) ? payload.eventId() : "evt_" + context.jobId();
			Map<String, Object> event = new LinkedHashMap<>();
			event.put("id", eventId);
			event.put("type", payload.event());
			event.put("data", payload.data());
			byte[] body = this.json.writeValueAsBytes(event);
			String timestamp = Long.toString(this.clock.instant().getEpochSecond());
			HttpRequest.Builder request = HttpRequest.newBuilder(HttpRequestPayload.checkUrl("url", payload.url()))
				.timeout(Duration.ofSeconds(TIMEOUT_SECONDS))
				.POST(HttpRequest.BodyPublishers.ofByteArray(body));
			payload.headers().forEach(request::header);
			request.header("Content-Type", "application/json")
				.header(WebhookSignature.TIMESTAMP_HEADER, timestamp)
				.header(WebhookSignature.EVENT_ID_HEADER, eventId)
				.header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(this.secret, timestamp, body));
			HttpResponse<Void> response = this.exchange.send(request.build(), HttpResponse.BodyHandlers.discarding());
			context.log("POST " + payload.url() + " (" + eventId + ") -> " + response.statusCode());
			this.exchange.judge(response, true);
			context.result(new WebhookResult(eventId, response.statusCode()));
			context.progress(100);
			return RepeatStatus.FINISHED;
		}, context.transactionManager()).build());
	}

	/**
	 * A delivered event.
	 *
	 * @param eventId the event id sent
	 * @param status the receiver's answer
	 */
	public record WebhookResult(String eventId, int status) {

	}

}
