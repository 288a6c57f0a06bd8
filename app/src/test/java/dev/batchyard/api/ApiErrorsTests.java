package dev.batchyard.api;

import dev.batchyard.engine.JobSearch;
import dev.batchyard.support.ApiClient.Response;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.doThrow;

/**
 * A store outage is STORE_UNAVAILABLE, anything unexpected INTERNAL_ERROR; neither shows
 * a stack trace, SQL or the exception's message.
 */
class ApiErrorsTests extends ApiTestSupport {

	private static final String SECRET_SQL = "SELECT secret_column FROM job WHERE password = 'hunter2'";

	@Test
	void noConnectionToTheStoreIsStoreUnavailable() {
		doThrow(new CannotGetJdbcConnectionException(SECRET_SQL)).when(this.jobSearch)
			.search(any(JobSearch.Filter.class), anyInt(), any(), anyBoolean());

		assertStoreUnavailable(viewer().graphql("{ jobs { totalCount } }"));
	}

	@Test
	void noTransactionOrAQueryTimeoutIsStoreUnavailable() {
		doThrow(new CannotCreateTransactionException(SECRET_SQL)).when(this.jobSearch)
			.search(any(JobSearch.Filter.class), anyInt(), any(), anyBoolean());
		assertStoreUnavailable(admin().graphql("{ jobs { totalCount } }"));

		doThrow(new QueryTimeoutException(SECRET_SQL)).when(this.jobSearch)
			.search(any(JobSearch.Filter.class), anyInt(), any(), anyBoolean());
		assertStoreUnavailable(admin().graphql("{ jobs { totalCount } }"));
	}

	@Test
	void anUnexpectedErrorIsInternalErrorWithAnIdAndNothingElse() {
		doThrow(new IllegalStateException(SECRET_SQL)).when(this.jobSearch)
			.search(any(JobSearch.Filter.class), anyInt(), any(), anyBoolean());

		Response response = admin().graphql("{ jobs { totalCount } }");

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.errorCode()).isEqualTo("INTERNAL_ERROR");
		JsonNode error = response.json().path("errors").path(0);
		assertThat(error.path("message").asString()).contains(error.path("extensions").path("errorId").asString());
		assertNothingLeaks(response);
	}

	private static void assertStoreUnavailable(Response response) {
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.errorCode()).isEqualTo("STORE_UNAVAILABLE");
		assertThat(response.json().path("errors").path(0).path("message").asString()).contains("try again");
		assertNothingLeaks(response);
	}

	private static void assertNothingLeaks(Response response) {
		assertThat(response.body()).doesNotContain("secret_column", "hunter2", "SELECT", "Exception", "at dev.");
	}

}
