package dev.batchyard.catalog.http;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.batchyard.catalog.spi.Bookkeeping;
import dev.batchyard.catalog.spi.JobContext;
import dev.batchyard.catalog.spi.JobType;
import dev.batchyard.catalog.spi.JobTypeDescriptor;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The built-in {@code http-request} job type on the {@code default} queue: one request,
 * whose status, headers and body (capped at
 * {@code batchyard.job-types.http.max-response-bytes}) become the job's result. Statuses
 * in the payload's {@code retryOn} are retried, after the server's {@code Retry-After}
 * when it sends one; any other status of 400 or more fails the job at once.
 *
 * @author Batchyard
 */
public class HttpRequestJobType implements JobType<HttpRequestPayload> {

	/** The type's name. */
	public static final String NAME = "http-request";

	private static final JobTypeDescriptor<HttpRequestPayload> DESCRIPTOR = new JobTypeDescriptor<>(NAME, "default",
			HttpRequestPayload.class);

	private final HttpExchange exchange;

	private final int maxResponseBytes;

	public HttpRequestJobType(HttpJobProperties properties, java.time.Clock clock) {
		this.exchange = new HttpExchange(new HostAllowList(properties.allowedHosts()), clock);
		this.maxResponseBytes = properties.maxResponseBytes();
	}

	@Override
	public JobTypeDescriptor<HttpRequestPayload> descriptor() {
		return DESCRIPTOR;
	}

	@Override
	public Bookkeeping bookkeeping(HttpRequestPayload payload) {
		return Bookkeeping.LIGHT;
	}

	@Override
	public Job job(HttpRequestPayload payload, JobContext context) {
		return context.job(NAME, context.step("request").tasklet((contribution, chunk) -> {
			HttpRequest.Builder request = HttpRequest.newBuilder(HttpRequestPayload.checkUrl("url", payload.url()))
				.timeout(Duration.ofMillis(payload.timeoutMs()))
				.method(payload.method(), (payload.body() != null) ? HttpRequest.BodyPublishers.ofString(payload.body())
						: HttpRequest.BodyPublishers.noBody());
			payload.headers().forEach(request::header);
			HttpResponse<byte[]> response = this.exchange.send(request.build(),
					HttpResponse.BodyHandlers.ofByteArray());
			context.log(payload.method() + " " + payload.url() + " -> " + response.statusCode());
			this.exchange.judge(response, payload.retries(response.statusCode()));
			context.result(result(response));
			context.progress(100);
			return RepeatStatus.FINISHED;
		}, context.transactionManager()).build());
	}

	private HttpRequestResult result(HttpResponse<byte[]> response) {
		byte[] body = response.body();
		boolean truncated = body.length > this.maxResponseBytes;
		String text = new String(truncated ? Arrays.copyOf(body, this.maxResponseBytes) : body, StandardCharsets.UTF_8);
		return new HttpRequestResult(response.statusCode(), response.headers().map(), text, truncated);
	}

	/**
	 * What the server answered.
	 *
	 * @param status the status
	 * @param headers the response headers
	 * @param body the body as UTF-8 text, cut at the configured size
	 * @param bodyTruncated whether the body was cut
	 */
	public record HttpRequestResult(int status, Map<String, List<String>> headers, String body, boolean bodyTruncated) {

	}

}
