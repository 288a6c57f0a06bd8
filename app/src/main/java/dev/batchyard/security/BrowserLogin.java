package dev.batchyard.security;

import java.io.IOException;
import java.net.URI;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.logout.SimpleUrlLogoutSuccessHandler;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestHandler;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The dashboard's browser login, beside the API's logins: a form at {@code /login} (the
 * page is the dashboard's own) checked against the same users and roles as HTTP Basic, a
 * session cookie afterwards, and {@code POST /logout}.
 * <p>
 * A session is only kept for a form login: HTTP Basic and bearer logins are checked on
 * every request and stored in none, so scripts stay stateless. A request that relies on a
 * session (it sends a session cookie and no {@code Authorization} header) and changes
 * something (any method but GET, HEAD, OPTIONS, TRACE) must carry the session's CSRF
 * token ({@code X-CSRF-TOKEN} header or {@code _csrf} form field), as must the login and
 * logout forms; without it the answer is HTTP 403 {@code FORBIDDEN}. Scripts sending
 * credentials are not affected. A WebSocket handshake that relies on a session must come
 * from a page of this origin ({@code Origin} equal to the request's host), so that
 * another site cannot open a subscription, or send a mutation over it, with a visitor's
 * cookie.
 * <p>
 * A browser that asks for a dashboard page without a session is sent to the login page;
 * every other request without credentials gets the API's JSON {@code UNAUTHORIZED}.
 *
 * @author Batchyard
 */
final class BrowserLogin {

	/** Where the login form is, and where it is posted. */
	static final String LOGIN_PAGE = "/login";

	/** The dashboard page (with its routes after {@code #}). */
	static final String DASHBOARD = "/dashboard";

	/** Open without a login: the login page and the dashboard's static files. */
	static final String[] PUBLIC_PATHS = { LOGIN_PAGE, DASHBOARD + "/assets/**" };

	private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

	private BrowserLogin() {
	}

	static void configure(HttpSecurity http) throws Exception {
		http.formLogin((form) -> form.loginPage(LOGIN_PAGE)
			.defaultSuccessUrl(DASHBOARD, true)
			.failureUrl(LOGIN_PAGE + "?error"));
		SimpleUrlLogoutSuccessHandler loggedOut = new SimpleUrlLogoutSuccessHandler();
		loggedOut.setDefaultTargetUrl(LOGIN_PAGE + "?logout");
		http.logout((logout) -> logout.logoutSuccessHandler(loggedOut));
		http.csrf((csrf) -> csrf.requireCsrfProtectionMatcher(BrowserLogin::needsCsrfToken)
			.csrfTokenRequestHandler(new PageTokens()));
		// sessions as needed (the default): only the form login stores its user in one.
		// Setting a creation policy here would add the session filter, which stores
		// every Basic or bearer login in a new session.
		http.addFilterBefore(new SameOriginWebSockets(), CsrfFilter.class);
	}

	/** Dashboard pages go to the login page; everything else gets the API's JSON 401. */
	static AuthenticationEntryPoint entryPoint() {
		AuthenticationEntryPoint loginPage = new LoginUrlAuthenticationEntryPoint(LOGIN_PAGE);
		AuthenticationEntryPoint json = JsonErrorResponses.unauthorized();
		return (request, response, ex) -> {
			String path = path(request);
			boolean page = "GET".equals(request.getMethod())
					&& (path.equals(DASHBOARD) || path.startsWith(DASHBOARD + "/"));
			(page ? loginPage : json).commence(request, response, ex);
		};
	}

	static boolean needsCsrfToken(HttpServletRequest request) {
		if (SAFE_METHODS.contains(request.getMethod())) {
			return false;
		}
		String path = path(request);
		if (path.equals(LOGIN_PAGE) || path.equals("/logout")) {
			return true;
		}
		return request.getHeader(HttpHeaders.AUTHORIZATION) == null && request.getRequestedSessionId() != null;
	}

	private static String path(HttpServletRequest request) {
		return request.getRequestURI().substring(request.getContextPath().length());
	}

	/**
	 * Hands the session's CSRF token only to the pages that write it into their HTML and
	 * to the requests that must carry it: anything else that looked at the token (a
	 * script's request with credentials, one without any) would create a session just to
	 * keep it in.
	 */
	static final class PageTokens implements CsrfTokenRequestHandler {

		private final XorCsrfTokenRequestAttributeHandler delegate = new XorCsrfTokenRequestAttributeHandler();

		@Override
		public void handle(HttpServletRequest request, HttpServletResponse response,
				Supplier<CsrfToken> deferredCsrfToken) {
			String path = path(request);
			if (path.equals(LOGIN_PAGE) || path.equals(DASHBOARD) || path.equals(DASHBOARD + "/")
					|| needsCsrfToken(request)) {
				this.delegate.handle(request, response, deferredCsrfToken);
			}
		}

		@Override
		public String resolveCsrfTokenValue(HttpServletRequest request, CsrfToken csrfToken) {
			return this.delegate.resolveCsrfTokenValue(request, csrfToken);
		}

	}

	/**
	 * Refuses a WebSocket handshake with a session cookie from a page of another origin.
	 */
	static final class SameOriginWebSockets extends OncePerRequestFilter {

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			if ("websocket".equalsIgnoreCase(request.getHeader(HttpHeaders.UPGRADE))
					&& request.getHeader(HttpHeaders.AUTHORIZATION) == null && request.getRequestedSessionId() != null
					&& !sameOrigin(request)) {
				JsonErrorResponses.forbidden()
					.handle(request, response, new org.springframework.security.access.AccessDeniedException(
							"WebSocket from another origin"));
				return;
			}
			chain.doFilter(request, response);
		}

		private static boolean sameOrigin(HttpServletRequest request) {
			String origin = request.getHeader(HttpHeaders.ORIGIN);
			if (origin == null) {
				// not a browser: browsers always send the origin on a WebSocket handshake
				return true;
			}
			String forwarded = request.getHeader("X-Forwarded-Host");
			String host = (forwarded != null) ? forwarded : request.getHeader(HttpHeaders.HOST);
			try {
				return host != null && host.equalsIgnoreCase(URI.create(origin).getRawAuthority());
			}
			catch (IllegalArgumentException ex) {
				return false;
			}
		}

	}

}
