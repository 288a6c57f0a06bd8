package dev.batchyard.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.graphql.autoconfigure.GraphQlProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.graphql.server.webmvc.GraphiQlHandler;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * GraphiQL at {@code spring.graphql.graphiql.path} ({@code /graphiql}) with every file
 * from this application: the page of Spring for GraphQL loads graphiql and react from a
 * CDN, so it stays blank on a machine without internet access. This route comes before
 * Spring for GraphQL's to the same path; the same properties switch it on and place it.
 * <p>
 * The page ({@code batchyard/graphiql.html}) loads GraphiQL 4's UMD build and React 18
 * from {@code static/graphiql/} (served at {@code /graphiql/**}, the versions and
 * licences in its {@code vendor/README.md}) under a Content-Security-Policy that lets it
 * load and connect to its own origin only. The server fills in {@code {assets}} (the
 * servlet context path, then {@code /graphiql}) and {@code {nonce}}.
 *
 * @author Batchyard
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBooleanProperty("spring.graphql.graphiql.enabled")
class GraphiqlPage {

	/**
	 * Own origin only, with no inline script. GraphiQL's dialogs (Radix) add one style
	 * element while they are open: it carries the page's nonce, which is new at every
	 * load, and no other inline style is allowed. Fonts and icons are {@code data:} URLs
	 * inside GraphiQL's stylesheet, so those two allow {@code data:}.
	 */
	static String contentSecurityPolicy(String nonce) {
		return "default-src 'self'; script-src 'self'; style-src 'self' 'nonce-" + nonce + "';"
				+ " img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none';"
				+ " base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
	}

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	RouterFunction<ServerResponse> graphiqlPageRoute(GraphQlProperties properties) {
		GraphiQlHandler redirect = new GraphiQlHandler(properties.getHttp().getPath(),
				properties.getWebsocket().getPath());
		String page = page();
		SecureRandom random = new SecureRandom();
		return RouterFunctions.route()
			.GET(properties.getGraphiql().getPath(),
					(request) -> request.param("path").isPresent() ? page(request, page, nonce(random))
							: redirect.handleRequest(request))
			.build();
	}

	/**
	 * The redirect added {@code ?path=/graphql}: the page reads the API's path from it.
	 */
	private static ServerResponse page(ServerRequest request, String page, String nonce) {
		String assets = request.requestPath().contextPath().value() + "/graphiql";
		return ServerResponse.ok()
			.contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
			.header("Content-Security-Policy", contentSecurityPolicy(nonce))
			.header("Referrer-Policy", "no-referrer")
			.cacheControl(CacheControl.noStore())
			.body(page.replace("{assets}", assets).replace("{nonce}", nonce));
	}

	private static String nonce(SecureRandom random) {
		byte[] bytes = new byte[18];
		random.nextBytes(bytes);
		return Base64.getEncoder().encodeToString(bytes);
	}

	private static String page() {
		try {
			return new ClassPathResource("batchyard/graphiql.html").getContentAsString(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The GraphiQL page batchyard/graphiql.html is missing from the jar", ex);
		}
	}

}
