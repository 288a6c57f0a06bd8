package dev.batchyard.catalog.http;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the outgoing HTTP job types.
 *
 * @param allowedHosts hosts a job may call: a name ({@code api.example.com}), a domain
 * and its subdomains ({@code *.example.com}), or {@code *} for any host. Empty by
 * default: no host, until an operator lists them
 * @param maxResponseBytes how much of a response body {@code http-request} keeps in its
 * result; 64 KiB by default
 * @param webhookSecret the HMAC-SHA256 key {@code webhook-delivery} signs with; a webhook
 * job fails without one
 * @author Batchyard
 */
@ConfigurationProperties("batchyard.job-types.http")
public record HttpJobProperties(@DefaultValue List<String> allowedHosts, @DefaultValue("65536") int maxResponseBytes,
		String webhookSecret) {

	public HttpJobProperties {
		allowedHosts = (allowedHosts != null) ? List.copyOf(allowedHosts) : List.of();
		if (maxResponseBytes < 0) {
			throw new IllegalArgumentException(
					"batchyard.job-types.http.max-response-bytes must not be negative (was " + maxResponseBytes + ")");
		}
	}

}
