package dev.batchyard.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import org.springframework.web.util.HtmlUtils;

/**
 * The two HTML shells of the dashboard: the login page ({@code /login}, open to all) and
 * the dashboard ({@code /dashboard}, after a login). Each is a template from the jar
 * ({@code batchyard/login.html}, {@code batchyard/dashboard.html}) into which the server
 * writes the session's CSRF token, the servlet context path and, on the dashboard, the
 * user and role; the pages' code then talks to the GraphQL API only. Both are sent with a
 * Content-Security-Policy that lets them load from and connect to their own origin only.
 *
 * @author Batchyard
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class DashboardPages {

	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
			+ " img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
			+ " frame-ancestors 'none'";

	@Bean
	RouterFunction<ServerResponse> dashboardPageRoutes() {
		String login = template("batchyard/login.html");
		String dashboard = template("batchyard/dashboard.html");
		return RouterFunctions.route()
			.GET("/login", (request) -> page(request, login, Map.of("{message}", loginMessage(request))))
			.GET("/dashboard", (request) -> page(request, dashboard, user(request)))
			.GET("/dashboard/", (request) -> page(request, dashboard, user(request)))
			.build();
	}

	private static Map<String, String> user(ServerRequest request) {
		Authentication authentication = (Authentication) request.principal().orElseThrow();
		boolean admin = authentication.getAuthorities()
			.stream()
			.anyMatch((authority) -> "ROLE_ADMIN".equals(authority.getAuthority()));
		return Map.of("{user}", html(request.principal().map(Principal::getName).orElse("")), "{role}",
				admin ? "ADMIN" : "VIEWER");
	}

	private static String loginMessage(ServerRequest request) {
		if (request.param("locked").isPresent()) {
			String seconds = request.param("locked").filter((value) -> value.matches("\\d{1,9}")).orElse("some");
			return "<p class=\"message error\" role=\"alert\">Too many wrong passwords from this address; try again in "
					+ seconds + " s.</p>";
		}
		if (request.param("error").isPresent()) {
			return "<p class=\"message error\" role=\"alert\">Wrong user name or password.</p>";
		}
		if (request.param("logout").isPresent()) {
			return "<p class=\"message\" role=\"status\">You are logged out.</p>";
		}
		return "";
	}

	private static ServerResponse page(ServerRequest request, String template, Map<String, String> values) {
		CsrfToken csrf = (CsrfToken) request.servletRequest().getAttribute(CsrfToken.class.getName());
		String page = template.replace("{base}", html(request.requestPath().contextPath().value()))
			.replace("{csrf}", (csrf != null) ? html(csrf.getToken()) : "")
			.replace("{csrfHeader}", (csrf != null) ? html(csrf.getHeaderName()) : "")
			.replace("{csrfParameter}", (csrf != null) ? html(csrf.getParameterName()) : "");
		for (Map.Entry<String, String> value : values.entrySet()) {
			page = page.replace(value.getKey(), value.getValue());
		}
		return ServerResponse.ok()
			.contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
			.header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
			.header("Referrer-Policy", "no-referrer")
			.cacheControl(CacheControl.noStore())
			.body(page);
	}

	private static String html(String text) {
		return HtmlUtils.htmlEscape(text, StandardCharsets.UTF_8.name());
	}

	private static String template(String path) {
		try {
			return new ClassPathResource(path).getContentAsString(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The dashboard page " + path + " is missing from the jar", ex);
		}
	}

}
