package dev.batchyard.catalog.http;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.batchyard.catalog.spi.InvalidPayloadException;

import static dev.batchyard.catalog.spi.PayloadChecks.between;
import static dev.batchyard.catalog.spi.PayloadChecks.orDefault;
import static dev.batchyard.catalog.spi.PayloadChecks.require;
import static dev.batchyard.catalog.spi.PayloadChecks.requireText;

/**
 * What an {@code http-request} job sends. Checked when the job is enqueued: a bad field
 * is refused with its name.
 *
 * @param method GET, HEAD, POST, PUT, PATCH, DELETE or OPTIONS; default GET
 * @param url an absolute http or https URL (required); its host must be allowed by
 * {@code batchyard.job-types.http.allowed-hosts} when the job runs
 * @param headers request headers; none by default
 * @param body the request body, sent as is; none by default
 * @param timeoutMs the timeout of the whole exchange, 1 to 600000; default 30000
 * @param retryOn the response statuses that are retried; default 408, 429 and every 5xx.
 * Any other status of 400 or more fails the job at once
 * @author Batchyard
 */
public record HttpRequestPayload(String method, String url, Map<String, String> headers, String body, Integer timeoutMs,
		List<Integer> retryOn) {

	private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

	public HttpRequestPayload {
		method = orDefault(method, "GET").toUpperCase(Locale.ROOT);
		require(METHODS.contains(method), "method", "method must be one of " + METHODS + " (was " + method + ")");
		checkUrl("url", url);
		headers = (headers != null) ? Map.copyOf(headers) : Map.of();
		timeoutMs = between("timeoutMs", timeoutMs, 30_000, 1, 600_000);
		require(retryOn == null
				|| retryOn.stream().allMatch((status) -> status != null && status >= 100 && status <= 599), "retryOn",
				"retryOn must hold HTTP statuses from 100 to 599 (was " + retryOn + ")");
		retryOn = (retryOn != null) ? List.copyOf(retryOn) : null;
	}

	/** Whether a response of this status is retried. */
	boolean retries(int status) {
		return (this.retryOn != null) ? this.retryOn.contains(status)
				: (status == 408 || status == 429 || (status >= 500 && status <= 599));
	}

	static URI checkUrl(String field, String url) {
		requireText(field, url, "an absolute http or https URL");
		try {
			URI uri = URI.create(url);
			String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
			if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
				return uri;
			}
		}
		catch (IllegalArgumentException ex) {
			// refused below with the field's name
		}
		throw new InvalidPayloadException(field, field + " must be an absolute http or https URL (was " + url + ")");
	}

}
