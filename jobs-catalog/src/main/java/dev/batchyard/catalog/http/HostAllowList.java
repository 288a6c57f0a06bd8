package dev.batchyard.catalog.http;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import dev.batchyard.catalog.spi.NonRetryableJobException;

/**
 * The hosts the HTTP job types may call, checked before every request.
 *
 * @author Batchyard
 */
final class HostAllowList {

	private final List<String> patterns;

	HostAllowList(List<String> patterns) {
		this.patterns = patterns.stream().map((pattern) -> pattern.trim().toLowerCase(Locale.ROOT)).toList();
	}

	void check(URI uri) {
		String host = (uri.getHost() != null) ? uri.getHost().toLowerCase(Locale.ROOT) : "";
		if (this.patterns.stream().noneMatch((pattern) -> matches(pattern, host))) {
			throw new NonRetryableJobException("host '" + host + "' is not in batchyard.job-types.http.allowed-hosts "
					+ this.patterns + " (empty by default: list the hosts jobs may call)");
		}
	}

	private static boolean matches(String pattern, String host) {
		if (pattern.equals("*")) {
			return true;
		}
		if (pattern.startsWith("*.")) {
			String domain = pattern.substring(2);
			return host.equals(domain) || host.endsWith("." + domain);
		}
		return pattern.equals(host);
	}

}
