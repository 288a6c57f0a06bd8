package dev.batchyard.security;

import java.util.ArrayList;
import java.util.List;

import dev.batchyard.support.ApiClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API rate limit counts per role and principal, and the ENQUEUER role has a limit of
 * its own.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:enqueuer-rate;DB_CLOSE_DELAY=-1",
				"batchyard.security.admin.password=admin-secret", "batchyard.security.users[0].name=shop",
				"batchyard.security.users[0].password=shop-secret", "batchyard.security.users[0].role=ENQUEUER",
				"batchyard.security.users[1].name=billing", "batchyard.security.users[1].password=billing-secret",
				"batchyard.security.users[1].role=ENQUEUER", "batchyard.api.rate-limit.requests-per-minute=3",
				"batchyard.api.rate-limit.roles.enqueuer=5" })
class EnqueuerRateLimitTests {

	@LocalServerPort
	int port;

	@Test
	void eachEnqueuerHasTheRolesOwnLimitAndAdminsKeepTheirs() {
		List<Integer> shop = new ArrayList<>();
		List<Integer> billing = new ArrayList<>();
		List<Integer> admin = new ArrayList<>();
		List<String> resets = new ArrayList<>();
		List<String> limits = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			ApiClient.Response response = ApiClient.as(this.port, "shop", "shop-secret").graphql("{ __typename }");
			shop.add(response.status());
			resets.add(response.headers().get("x-ratelimit-reset").get(0));
			limits.add(response.headers().get("x-ratelimit-limit").get(0));
		}
		for (int i = 0; i < 2; i++) {
			ApiClient.Response response = ApiClient.as(this.port, "billing", "billing-secret")
				.graphql("{ __typename }");
			billing.add(response.status());
			resets.add(response.headers().get("x-ratelimit-reset").get(0));
		}
		for (int i = 0; i < 4; i++) {
			ApiClient.Response response = ApiClient.as(this.port, "admin", "admin-secret").graphql("{ __typename }");
			admin.add(response.status());
			resets.add(response.headers().get("x-ratelimit-reset").get(0));
		}

		if (resets.stream().distinct().count() > 1) {
			// a new minute began mid-test and the counts started over; nothing to
			// conclude
			return;
		}
		assertThat(limits).containsOnly("5");
		assertThat(shop).containsExactly(200, 200, 200, 200, 200, 429);
		assertThat(billing).containsExactly(200, 200);
		assertThat(admin).containsExactly(200, 200, 200, 429);
	}

	@Test
	void aRoleLimitOfZeroTurnsItOffAndOthersKeepTheDefault() {
		ApiRateLimitProperties off = new ApiRateLimitProperties(true, 300, java.util.Map.of(Role.ENQUEUER, 0));
		ApiRateLimitProperties defaults = new ApiRateLimitProperties(true, 300, null);

		assertThat(off.limitFor(Role.ENQUEUER)).isZero();
		assertThat(defaults.limitFor(Role.ENQUEUER)).isEqualTo(6000);
		assertThat(defaults.limitFor(Role.ADMIN)).isEqualTo(300);
		assertThat(defaults.limitFor(Role.VIEWER)).isEqualTo(300);
	}

}
