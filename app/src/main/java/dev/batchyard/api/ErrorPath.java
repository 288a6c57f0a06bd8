package dev.batchyard.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers {@code /error} in the one error shape instead of Spring Boot's
 * ({@code {"status":999,"error":"None"}} and a 500 when it is asked for directly): an
 * error the servlet container forwards keeps its status, with the code that fits it and
 * nothing of the exception; {@code /error} itself is not an endpoint, so a direct request
 * is 404 {@code INVALID_PARAMETERS} naming the path.
 *
 * @author Batchyard
 */
@RestController
class ErrorPath implements ErrorController {

	@RequestMapping(path = "${server.error.path:${error.path:/error}}", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
		Object forwarded = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		String path = (uri != null) ? uri.toString() : request.getRequestURI();
		HttpStatus status = (forwarded instanceof Integer code) ? HttpStatus.resolve(code) : null;
		if (status == null || status == HttpStatus.NOT_FOUND) {
			return answer(HttpStatus.NOT_FOUND, "INVALID_PARAMETERS", "path",
					"Nothing is served at " + path + "; the API is POST /graphql (GraphiQL at /graphiql)");
		}
		if (status == HttpStatus.UNAUTHORIZED) {
			return answer(status, "UNAUTHORIZED", null, "Log in: HTTP Basic or a bearer token");
		}
		if (status == HttpStatus.FORBIDDEN) {
			return answer(status, "FORBIDDEN", null, "This needs a role you do not have");
		}
		if (status.is4xxClientError()) {
			return answer(status, "INVALID_PARAMETERS", "path",
					"The request to " + path + " was refused: " + status.getReasonPhrase());
		}
		return answer(status, "INTERNAL_ERROR", null,
				"An unexpected error occurred at " + path + "; an admin can find it in the node's log");
	}

	private static ResponseEntity<Map<String, Object>> answer(HttpStatus status, String code, String argument,
			String message) {
		Map<String, Object> extensions = new LinkedHashMap<>();
		extensions.put("code", code);
		if (argument != null) {
			extensions.put("argument", argument);
		}
		return ResponseEntity.status(status)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("errors", List.of(Map.of("message", message, "extensions", extensions))));
	}

}
