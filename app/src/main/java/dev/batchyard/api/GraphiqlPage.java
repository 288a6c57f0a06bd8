package dev.batchyard.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.graphql.autoconfigure.GraphQlProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.graphql.server.webmvc.GraphiQlHandler;
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
 * licences in its {@code vendor/README.md}) and a Content-Security-Policy that lets it
 * load and connect to its own origin only.
 *
 * @author Batchyard
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBooleanProperty("spring.graphql.graphiql.enabled")
class GraphiqlPage {

	/**
	 * Own origin only. Styles also {@code 'unsafe-inline'}: GraphiQL's editors
	 * (CodeMirror) and its React components set style attributes on their elements. Fonts
	 * and icons are {@code data:} URLs inside GraphiQL's stylesheet.
	 */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self';"
			+ " style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:;"
			+ " connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
			+ " frame-ancestors 'none'";

	/** Where the page's files are, below the servlet context path. */
	private static final String ASSETS_PLACEHOLDER = "{assets}";

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	RouterFunction<ServerResponse> graphiqlPageRoute(GraphQlProperties properties) {
		GraphiQlHandler redirect = new GraphiQlHandler(properties.getHttp().getPath(),
				properties.getWebsocket().getPath());
		String page = page();
		return RouterFunctions.route()
			.GET(properties.getGraphiql().getPath(),
					(request) -> request.param("path").isPresent() ? page(request, page)
							: redirect.handleRequest(request))
			.build();
	}

	/**
	 * The redirect added {@code ?path=/graphql}: the page reads the API's path from it.
	 */
	private static ServerResponse page(ServerRequest request, String page) {
		String assets = request.requestPath().contextPath().value() + "/graphiql";
		return ServerResponse.ok()
			.contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
			.header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
			.header("Referrer-Policy", "no-referrer")
			.body(page.replace(ASSETS_PLACEHOLDER, assets));
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
