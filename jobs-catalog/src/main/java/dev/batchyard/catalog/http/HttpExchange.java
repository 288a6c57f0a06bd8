package dev.batchyard.catalog.http;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import dev.batchyard.catalog.spi.NonRetryableJobException;
import dev.batchyard.catalog.spi.RetryAfterJobException;

/**
 * One outgoing request of an HTTP job type and what its answer means for the job: a
 * status to retry becomes a {@link RetryAfterJobException} when the server said when
 * ({@code Retry-After} in seconds or as an HTTP date), else an
 * {@link HttpStatusRetryException}; any other failing status is a
 * {@link NonRetryableJobException}. A connection failure or a timeout is retried.
 *
 * @author Batchyard
 */
final class HttpExchange {

	private final HttpClient client;

	private final HostAllowList allowList;

	private final Clock clock;

	HttpExchange(HostAllowList allowList, Clock clock) {
		// no redirects: a redirect could lead off the allow-list
		this.client = HttpClient.newBuilder()
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(10))
			.build();
		this.allowList = allowList;
		this.clock = clock;
	}

	<T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) throws IOException {
		this.allowList.check(request.uri());
		try {
			return this.client.send(request, body);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted while waiting for " + request.uri(), ex);
		}
	}

	/** Throws what a failing status means for the job; returns on a success. */
	void judge(HttpResponse<?> response, boolean retryable) {
		int status = response.statusCode();
		if (status >= 200 && status < 400) {
			return;
		}
		String message = response.request().method() + " " + response.request().uri() + " answered " + status;
		if (!retryable) {
			throw new NonRetryableJobException(message + ", which is not retried");
		}
		Optional<Duration> retryAfter = response.headers().firstValue("Retry-After").flatMap(this::retryAfter);
		if (retryAfter.isPresent()) {
			throw new RetryAfterJobException(message + "; Retry-After " + retryAfter.get().toSeconds() + " s",
					retryAfter.get());
		}
		throw new HttpStatusRetryException(message);
	}

	private Optional<Duration> retryAfter(String value) {
		try {
			return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim()))));
		}
		catch (NumberFormatException ex) {
			try {
				Instant at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
				Duration wait = Duration.between(this.clock.instant(), at);
				return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
			}
			catch (DateTimeParseException unparsable) {
				return Optional.empty();
			}
		}
	}

}
