package dev.batchyard.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Answers refused HTTP requests the way GraphQL clients read errors: a JSON body with
 * {@code errors[].extensions.code} ({@code UNAUTHORIZED} with HTTP 401, {@code FORBIDDEN}
 * with HTTP 403) and a sentence a person can act on.
 *
 * @author Batchyard
 */
final class JsonErrorResponses {

	private JsonErrorResponses() {
	}

	static AuthenticationEntryPoint unauthorized() {
		return (request, response, ex) -> unauthorized(response, ex);
	}

	static AccessDeniedHandler forbidden() {
		return (request, response, ex) -> forbidden(response, ex);
	}

	private static void unauthorized(HttpServletResponse response, AuthenticationException ex) throws IOException {
		response.setHeader("WWW-Authenticate", "Basic realm=\"Batchyard\"");
		write(response, HttpServletResponse.SC_UNAUTHORIZED, "UNAUTHORIZED",
				"Authentication required: send HTTP Basic credentials (user admin, or a configured user) "
						+ "or a bearer token");
	}

	private static void forbidden(HttpServletResponse response, AccessDeniedException ex) throws IOException {
		write(response, HttpServletResponse.SC_FORBIDDEN, "FORBIDDEN",
				"Your role does not allow this request; ask an admin");
	}

	private static void write(HttpServletResponse response, int status, String code, String message)
			throws IOException {
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getWriter()
			.write("{\"errors\":[{\"message\":\"" + message + "\",\"extensions\":{\"code\":\"" + code + "\"}}]}");
	}

}
