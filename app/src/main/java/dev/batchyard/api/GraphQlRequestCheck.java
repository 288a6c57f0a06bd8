package dev.batchyard.api;

import java.io.ByteArrayInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Checks that a request to the GraphQL endpoint is one before Spring for GraphQL reads
 * it, so that every refusal has the one error shape ({@code errors[].message} and
 * {@code extensions.code} and {@code extensions.argument}) rather than Spring's default
 * body, an empty one, or a 500: a method other than POST is 405 (a WebSocket handshake
 * passes), a content type other than JSON 415, a body that is not a JSON object with a
 * string {@code query} (malformed JSON, {@code null}, a string, a batched array) 400,
 * each {@code INVALID_PARAMETERS}. It runs after Spring Security, so a request without
 * credentials is still 401 {@code UNAUTHORIZED}.
 *
 * @author Batchyard
 */
@Component
class GraphQlRequestCheck extends OncePerRequestFilter {

	private static final String EXAMPLE = "{\"query\": \"{ queues { name } }\", \"variables\": {}}";

	private final String path;

	private final JsonMapper json;

	GraphQlRequestCheck(@Value("${spring.graphql.http.path:/graphql}") String path, JsonMapper json) {
		this.path = path;
		this.json = json;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !(request.getContextPath() + this.path).equals(request.getRequestURI());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if ("GET".equals(request.getMethod()) && "websocket".equalsIgnoreCase(request.getHeader(HttpHeaders.UPGRADE))) {
			chain.doFilter(request, response);
			return;
		}
		if (!"POST".equals(request.getMethod())) {
			response.setHeader(HttpHeaders.ALLOW, "POST");
			refuse(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "method", "The GraphQL API takes POST, not "
					+ request.getMethod() + " (subscriptions: a WebSocket on the same path); send " + EXAMPLE);
			return;
		}
		if (!isJson(request.getContentType())) {
			refuse(response, HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE, "Content-Type",
					"The GraphQL API takes Content-Type application/json, not "
							+ ((request.getContentType() != null) ? request.getContentType() : "none") + "; send "
							+ EXAMPLE);
			return;
		}
		byte[] body = request.getInputStream().readAllBytes();
		Refusal refusal = check(body);
		if (refusal != null) {
			refuse(response, HttpServletResponse.SC_BAD_REQUEST, refusal.argument(), refusal.message());
			return;
		}
		chain.doFilter(new ReadBody(request, body), response);
	}

	private static boolean isJson(String contentType) {
		if (contentType == null) {
			return false;
		}
		try {
			MediaType type = MediaType.parseMediaType(contentType);
			return MediaType.APPLICATION_JSON.equalsTypeAndSubtype(type)
					|| ("application".equals(type.getType()) && type.getSubtype().endsWith("+json"));
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

	private Refusal check(byte[] body) {
		JsonNode request;
		try {
			request = this.json.readTree(body);
		}
		catch (JacksonException ex) {
			return new Refusal("body", "The request body is not valid JSON; send " + EXAMPLE);
		}
		if (request == null || !request.isObject()) {
			String what = (request == null || request.isMissingNode() || request.isNull()) ? "empty or null"
					: request.isArray() ? "an array (batched operations are not supported: send one at a time)"
							: "a JSON " + request.getNodeType().name().toLowerCase();
			return new Refusal("body", "The request body must be a JSON object, not " + what + "; send " + EXAMPLE);
		}
		if (!request.path("query").isString()) {
			return new Refusal("body.query",
					"The request body needs \"query\": the GraphQL document as a string; send " + EXAMPLE);
		}
		for (String member : List.of("variables", "extensions")) {
			JsonNode value = request.path(member);
			if (!value.isMissingNode() && !value.isNull() && !value.isObject()) {
				return new Refusal("body." + member, "\"" + member + "\" must be a JSON object; send " + EXAMPLE);
			}
		}
		JsonNode operationName = request.path("operationName");
		if (!operationName.isMissingNode() && !operationName.isNull() && !operationName.isString()) {
			return new Refusal("body.operationName",
					"\"operationName\" must be a string: the name of an operation" + " of the document");
		}
		return null;
	}

	private void refuse(HttpServletResponse response, int status, String argument, String message) throws IOException {
		Map<String, Object> extensions = new LinkedHashMap<>();
		extensions.put("code", "INVALID_PARAMETERS");
		extensions.put("argument", argument);
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		response.getWriter()
			.write(this.json
				.writeValueAsString(Map.of("errors", List.of(Map.of("message", message, "extensions", extensions)))));
	}

	private record Refusal(String argument, String message) {
	}

	/** The request with its body, already read for the check, to read again. */
	private static final class ReadBody extends HttpServletRequestWrapper {

		private final byte[] body;

		ReadBody(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream in = new ByteArrayInputStream(this.body);
			return new ServletInputStream() {

				@Override
				public int read() {
					return in.read();
				}

				@Override
				public int read(byte[] buffer, int offset, int length) {
					return in.read(buffer, offset, length);
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException("The body is already read");
				}

			};
		}

		@Override
		public BufferedReader getReader() {
			return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
		}

		@Override
		public int getContentLength() {
			return this.body.length;
		}

		@Override
		public long getContentLengthLong() {
			return this.body.length;
		}

	}

}
