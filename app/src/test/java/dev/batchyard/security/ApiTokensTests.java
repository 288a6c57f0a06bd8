package dev.batchyard.security;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.batchyard.support.ApiClient;
import dev.batchyard.support.ApiClient.Response;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * API tokens through HTTP, as an admin creates them and an application sends them.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:api-tokens;DB_CLOSE_DELAY=-1",
				"batchyard.security.admin.password=admin-secret", "batchyard.security.viewer.password=viewer-secret" })
class ApiTokensTests {

	static final String CREATE = "mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) {"
			+ " secret token { id name role prefix principal createdBy createdAt expiresAt revokedAt } } }";

	static final String REVOKE = "mutation($id: ID!) { revokeApiToken(id: $id) { id revokedAt revokedBy } }";

	private static final String UPDATE = "mutation { updateRateLimit(limiterName: \"stripeApi\","
			+ " input: { perSecond: 80 }) { limiterName } }";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	private ApiClient admin() {
		return ApiClient.as(this.port, "admin", "admin-secret");
	}

	static JsonNode create(ApiClient admin, String name, String role, Instant expiresAt) {
		Map<String, Object> input = (expiresAt != null)
				? Map.of("name", name, "role", role, "expiresAt", expiresAt.toString())
				: Map.of("name", name, "role", role);
		Response response = admin.graphql(CREATE, Map.of("input", input));
		assertThat(response.status()).isEqualTo(200);
		return response.json().path("data").path("createApiToken");
	}

	@Test
	void anAdminCreatesATokenWhoseSecretIsShownOnceAndStoredOnlyAsItsHash() {
		JsonNode created = create(admin(), "billing-service", "VIEWER", null);
		String secret = created.path("secret").asString();

		assertThat(secret).startsWith("by_").hasSizeGreaterThanOrEqualTo(46);
		assertThat(created.path("token").path("prefix").asString()).isEqualTo(secret.substring(0, 8));
		assertThat(created.path("token").path("principal").asString()).isEqualTo("token:billing-service");
		assertThat(created.path("token").path("createdBy").asString()).isEqualTo("admin");
		List<String> stored = this.jdbc.sql("SELECT secret_hash FROM api_token").query(String.class).list();
		assertThat(stored).contains(ApiTokens.sha256(secret)).noneMatch((hash) -> hash.contains(secret.substring(3)));
		Response listed = admin().graphql("{ apiTokens { id name role prefix createdAt } }");
		assertThat(listed.body()).contains("billing-service").doesNotContain(secret.substring(8));
	}

	@Test
	void aTokenActsWithItsRole() {
		String viewerSecret = create(admin(), "dashboard", "VIEWER", null).path("secret").asString();
		String adminSecret = create(admin(), "ops-bot", "ADMIN", null).path("secret").asString();

		ApiClient viewer = ApiClient.bearer(this.port, viewerSecret);
		assertThat(viewer.graphql("{ queue(name: \"default\") { name } }")
			.json()
			.path("data")
			.path("queue")
			.path("name")
			.asString()).isEqualTo("default");
		assertThat(viewer.graphql(UPDATE).errorCode()).isEqualTo("FORBIDDEN");
		Response changed = ApiClient.bearer(this.port, adminSecret).graphql(UPDATE);
		assertThat(changed.json().path("data").path("updateRateLimit").path("limiterName").asString())
			.isEqualTo("stripeApi");
		assertThat(this.jdbc.sql("SELECT actor FROM audit_log WHERE operation = 'updateRateLimit'")
			.query(String.class)
			.list()).contains("token:ops-bot");
	}

	@Test
	void aRevokedTokenIsRefusedAtOnceOnTheNodeThatRevokedIt() {
		JsonNode created = create(admin(), "short-lived", "VIEWER", null);
		ApiClient app = ApiClient.bearer(this.port, created.path("secret").asString());
		assertThat(app.graphql("{ __typename }").status()).isEqualTo(200);

		Response revoked = admin().graphql(REVOKE, Map.of("id", created.path("token").path("id").asString()));

		assertThat(revoked.json().path("data").path("revokeApiToken").path("revokedBy").asString()).isEqualTo("admin");
		Response refused = app.graphql("{ __typename }");
		assertThat(refused.status()).isEqualTo(401);
		assertThat(refused.errorCode()).isEqualTo("UNAUTHORIZED");
		assertThat(admin().graphql("{ apiTokens { name } }").body()).doesNotContain("short-lived");
		assertThat(admin().graphql("{ apiTokens(includeRevoked: true) { name revokedAt } }").body())
			.contains("short-lived");
	}

	@Test
	void unknownAndMalformedBearerSecretsAreRefused() {
		for (String secret : new String[] { "by_" + "A".repeat(43), "by_", "not-a-jwt" }) {
			Response refused = ApiClient.bearer(this.port, secret).graphql("{ __typename }");
			assertThat(refused.status()).as(secret).isEqualTo(401);
			assertThat(refused.errorCode()).isEqualTo("UNAUTHORIZED");
		}
	}

	@Test
	void onlyAnAdminManagesTokensAndEveryStepIsAudited() {
		ApiClient viewer = ApiClient.as(this.port, "viewer", "viewer-secret");
		assertThat(viewer.graphql(CREATE, Map.of("input", Map.of("name", "sneaky", "role", "ADMIN"))).errorCode())
			.isEqualTo("FORBIDDEN");
		assertThat(viewer.graphql("{ apiTokens { name } }").errorCode()).isEqualTo("FORBIDDEN");
		String id = create(admin(), "audited", "VIEWER", null).path("token").path("id").asString();
		admin().graphql("{ apiTokens { name } }");
		admin().graphql(REVOKE, Map.of("id", id));

		List<String> rows = this.jdbc.sql("SELECT actor || ' ' || operation || ' ' || outcome FROM audit_log")
			.query(String.class)
			.list();
		assertThat(rows).contains("viewer createApiToken FORBIDDEN", "viewer apiTokens FORBIDDEN",
				"admin createApiToken OK", "admin apiTokens OK", "admin revokeApiToken OK");
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM api_token WHERE name = 'sneaky'").query(Long.class).single())
			.isZero();
	}

	@Test
	void badArgumentsAreRefusedAndCreateNothing() {
		long before = this.jdbc.sql("SELECT COUNT(*) FROM api_token").query(Long.class).single();
		Response blank = admin().graphql(CREATE, Map.of("input", Map.of("name", " ", "role", "VIEWER")));
		Response past = admin().graphql(CREATE,
				Map.of("input", Map.of("name", "old", "role", "VIEWER", "expiresAt", "2020-01-01T00:00:00Z")));
		Response unknown = admin().graphql(REVOKE, Map.of("id", "999999"));

		assertThat(blank.errorCode()).isEqualTo("INVALID_PARAMETERS");
		assertThat(past.errorCode()).isEqualTo("INVALID_PARAMETERS");
		assertThat(past.body()).contains("expiresAt must be in the future");
		assertThat(unknown.errorCode()).isEqualTo("INVALID_PARAMETERS");
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM api_token").query(Long.class).single()).isEqualTo(before);
	}

	@Test
	void anExpiredTokenIsRefused() {
		JsonNode created = create(admin(), "expiring", "VIEWER", Instant.now().plusSeconds(3600));
		ApiClient app = ApiClient.bearer(this.port, created.path("secret").asString());
		assertThat(app.graphql("{ __typename }").status()).isEqualTo(200);

		this.jdbc.sql("UPDATE api_token SET expires_at = ? WHERE name = 'expiring'")
			.param(java.time.OffsetDateTime.now().minusSeconds(1))
			.update();

		// the node may still hold what it read (at most 2 s), but expiry is checked on
		// every request against the clock; wait out the cache for the new expiry
		org.awaitility.Awaitility.await()
			.atMost(java.time.Duration.ofSeconds(5))
			.until(() -> app.graphql("{ __typename }").status() == 401);
	}

}
