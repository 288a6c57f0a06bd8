package dev.batchyard.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Stops password guessing before it costs a BCrypt check: a user who sent
 * {@code max-failures} wrong passwords from one address within the window is refused from
 * that address for the lock-out's duration, and an address that sent
 * {@code max-failures-per-address} wrong passwords for any users is refused for all of
 * them. A refused login answers HTTP 429 with {@code Retry-After} and the code
 * {@code RATE_LIMITED}, even with the right password (the dashboard's login form is sent
 * back to the login page, which says how long to wait); each lock-out is written to the
 * audit log ({@code loginLockout}) and logged. A right password starts its pair over. The
 * address is the request's remote address: behind a proxy, let the server read the
 * forwarded one ({@code server.forward-headers-strategy}).
 *
 * @author Batchyard
 */
class LoginThrottleFilter extends OncePerRequestFilter {

	private static final Log logger = LogFactory.getLog(LoginThrottleFilter.class);

	private static final int MAX_USER_LENGTH = 200;

	private final FailedLogins failedLogins;

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final LockoutProperties properties;

	private final Clock clock;

	LoginThrottleFilter(FailedLogins failedLogins, JdbcClient jdbc, JsonMapper json, LockoutProperties properties,
			Clock clock) {
		this.failedLogins = failedLogins;
		this.jdbc = jdbc;
		this.json = json;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		boolean form = isLoginForm(request);
		String user = form ? formUser(request) : basicUser(request.getHeader(HttpHeaders.AUTHORIZATION));
		if (user == null) {
			chain.doFilter(request, response);
			return;
		}
		String address = request.getRemoteAddr();
		long locked = this.failedLogins.lockedFor(user, address);
		if (locked > 0) {
			if (form) {
				// a person at the dashboard's login page: back to it, with the wait
				response.sendRedirect(request.getContextPath() + BrowserLogin.LOGIN_PAGE + "?locked=" + locked);
			}
			else {
				refuse(response, user, locked);
			}
			return;
		}
		chain.doFilter(request, response);
		if (form ? formLoginFailed(response) : response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
			FailedLogins.Lockout lockout = this.failedLogins.failed(user, address);
			if (lockout != null) {
				announce(lockout, user, address);
			}
		}
		else {
			this.failedLogins.succeeded(user, address);
		}
	}

	/** Whether this is the dashboard's login form being posted. */
	static boolean isLoginForm(HttpServletRequest request) {
		return "POST".equals(request.getMethod())
				&& request.getRequestURI().equals(request.getContextPath() + BrowserLogin.LOGIN_PAGE);
	}

	private static String formUser(HttpServletRequest request) {
		String user = request.getParameter("username");
		if (user == null) {
			return null;
		}
		return (user.length() <= MAX_USER_LENGTH) ? user : user.substring(0, MAX_USER_LENGTH);
	}

	/** A refused form login is sent back to the login page with {@code ?error}. */
	private static boolean formLoginFailed(HttpServletResponse response) {
		String location = response.getHeader(HttpHeaders.LOCATION);
		return location != null && location.endsWith(BrowserLogin.LOGIN_PAGE + "?error");
	}

	/** The user name of an HTTP Basic header, or {@code null} for any other header. */
	static String basicUser(String header) {
		if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
			return null;
		}
		try {
			String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
			int colon = decoded.indexOf(':');
			if (colon < 0) {
				return null;
			}
			String user = decoded.substring(0, colon);
			return (user.length() <= MAX_USER_LENGTH) ? user : user.substring(0, MAX_USER_LENGTH);
		}
		catch (IllegalArgumentException ex) {
			// not Base64: the Basic filter refuses it
			return null;
		}
	}

	private void refuse(HttpServletResponse response, String user, long seconds) throws IOException {
		response.setStatus(429);
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		Map<String, Object> extensions = new LinkedHashMap<>();
		extensions.put("code", "RATE_LIMITED");
		extensions.put("retryAfter", seconds);
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("message",
				"Too many wrong passwords for " + user + " from this address; try again in " + seconds + " s");
		error.put("extensions", extensions);
		response.getWriter().write(this.json.writeValueAsString(Map.of("errors", java.util.List.of(error))));
	}

	private void announce(FailedLogins.Lockout lockout, String user, String address) {
		String scope = (lockout == FailedLogins.Lockout.ADDRESS) ? "every user from " + address
				: user + " from " + address;
		logger.warn("Login locked out for " + this.properties.duration().toSeconds() + " s: " + scope
				+ " after repeated wrong passwords");
		try {
			Map<String, Object> arguments = new LinkedHashMap<>();
			arguments.put("address", address);
			arguments.put("scope", lockout.name());
			arguments.put("seconds", this.properties.duration().toSeconds());
			this.jdbc.sql("INSERT INTO audit_log (actor, operation, arguments, at, outcome) VALUES (?, ?, ?, ?, ?)")
				.params(user, "loginLockout", this.json.writeValueAsString(arguments),
						OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC), "LOCKED")
				.update();
		}
		catch (RuntimeException ex) {
			// the lock-out holds even when the audit log cannot be written
			logger.warn("Could not write the lock-out to the audit log", ex);
		}
	}

}
