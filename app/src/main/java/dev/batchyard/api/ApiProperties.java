package dev.batchyard.api;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The GraphQL API's guards, bound from {@code batchyard.api}.
 *
 * @param maxQueryDepth the deepest selection a query may nest; deeper ones are refused
 * before they run
 * @param maxQueryComplexity the most fields a query may select in all (lists count once);
 * larger ones are refused before they run
 * @author Batchyard
 */
@ConfigurationProperties("batchyard.api")
public record ApiProperties(@DefaultValue("12") int maxQueryDepth, @DefaultValue("1000") int maxQueryComplexity) {

	public ApiProperties {
		if (maxQueryDepth < 3) {
			throw new IllegalArgumentException(
					"batchyard.api.max-query-depth must be at least 3 (was " + maxQueryDepth + ")");
		}
		if (maxQueryComplexity < 10) {
			throw new IllegalArgumentException(
					"batchyard.api.max-query-complexity must be at least 10 (was " + maxQueryComplexity + ")");
		}
	}

}
