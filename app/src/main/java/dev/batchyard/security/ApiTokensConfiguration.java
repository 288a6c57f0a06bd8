package dev.batchyard.security;

import java.security.SecureRandom;
import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The API tokens, on every node: a node without a web server (a worker) has no HTTP to
 * check them on, but its GraphQL controllers and the Java API still manage them.
 *
 * @author Batchyard
 */
@Configuration(proxyBeanMethods = false)
class ApiTokensConfiguration {

	@Bean
	ApiTokens apiTokens(JdbcClient jdbc, Clock clock, CredentialCacheProperties cache) {
		return new ApiTokens(jdbc, clock, new SecureRandom(), cache.apiTokens(), cache.maxEntries());
	}

}
