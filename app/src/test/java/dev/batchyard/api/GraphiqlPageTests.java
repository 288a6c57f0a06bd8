package dev.batchyard.api;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.batchyard.support.ApiClient.Response;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /graphiql} as a browser gets it: every script and stylesheet from this
 * application, none from another host, under a Content-Security-Policy of its own origin.
 */
class GraphiqlPageTests extends ApiTestSupport {

	private static final Pattern REFERENCE = Pattern.compile("<(script|link)\\b[^>]*?\\b(src|href)=\"([^\"]*)\"[^>]*>",
			Pattern.CASE_INSENSITIVE);

	@Test
	void thePageNeedsALoginLikeTheApi() {
		Response response = anonymous().get("/graphiql");

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.headers().get("WWW-Authenticate")).containsExactly("Basic realm=\"Batchyard\"");
	}

	@Test
	void everyScriptStylesheetAndIconOfThePageIsServedByTheApp() {
		Response page = page();
		List<String> references = new ArrayList<>();
		Matcher matcher = REFERENCE.matcher(page.body());
		while (matcher.find()) {
			references.add(matcher.group(3));
		}

		assertThat(references).hasSize(7);
		assertThat(references).allSatisfy((reference) -> {
			assertThat(reference).startsWith("/graphiql/").doesNotContain("//").doesNotContain(":");
			Response asset = viewer().get(reference);
			assertThat(asset.status()).as(reference).isEqualTo(200);
			assertThat(asset.body()).as(reference).isNotBlank();
			assertThat(asset.headers().get("Content-Type").get(0)).as(reference).startsWith(contentType(reference));
		});
		assertThat(references).contains("/graphiql/vendor/graphiql-4.1.2/graphiql.min.js",
				"/graphiql/vendor/react-18.3.1/react.production.min.js",
				"/graphiql/vendor/react-dom-18.3.1/react-dom.production.min.js");
		// no inline script (the policy would refuse it) and no address of another host
		assertThat(page.body()).doesNotContainPattern("<script(?![^>]*\\bsrc=)")
			.doesNotContain("http:")
			.doesNotContain("https:");
	}

	@Test
	void thePageMayLoadAndConnectToItsOwnOriginOnly() {
		Response page = page();

		String policy = page.headers().get("Content-Security-Policy").get(0);
		Matcher nonce = Pattern.compile("<meta name=\"csp-nonce\" content=\"([A-Za-z0-9+/=]{24})\" />")
			.matcher(page.body());
		assertThat(nonce.find()).as(page.body()).isTrue();
		assertThat(policy).isEqualTo(GraphiqlPage.contentSecurityPolicy(nonce.group(1)))
			.startsWith("default-src 'self'; script-src 'self'; style-src 'self' 'nonce-" + nonce.group(1) + "';")
			.contains("connect-src 'self'", "frame-ancestors 'none'", "object-src 'none'")
			.doesNotContain("*")
			.doesNotContain("http")
			.doesNotContain("unsafe");
		assertThat(page.headers().get("Content-Type").get(0)).startsWith("text/html");
		assertThat(page().headers().get("Content-Security-Policy").get(0)).as("a new nonce at every load")
			.isNotEqualTo(policy);
	}

	@Test
	void theVendoredFilesCarryTheirLicences() {
		for (String folder : List.of("graphiql-4.1.2", "react-18.3.1", "react-dom-18.3.1")) {
			Response licence = admin().get("/graphiql/vendor/" + folder + "/LICENSE");
			assertThat(licence.status()).as(folder).isEqualTo(200);
			assertThat(licence.body()).as(folder).startsWith("MIT License");
		}
	}

	private static String contentType(String reference) {
		if (reference.endsWith(".svg")) {
			return "image/svg+xml";
		}
		return reference.endsWith(".css") ? "text/css" : "text/javascript";
	}

	/** Follows the redirect that tells the page where the API is. */
	private Response page() {
		Response redirect = admin().get("/graphiql");
		assertThat(redirect.status()).isEqualTo(307);
		URI location = URI.create(redirect.headers().get("Location").get(0));
		assertThat(location.getQuery()).contains("path=/graphql");
		Response page = admin().get(location.getRawPath() + "?" + location.getRawQuery());
		assertThat(page.status()).isEqualTo(200);
		return page;
	}

}
