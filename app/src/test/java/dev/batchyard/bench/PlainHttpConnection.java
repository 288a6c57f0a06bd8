package dev.batchyard.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive HTTP/1.1 connection on loopback, the bench's load generator: a request's
 * bytes are built once and written as they are, an answer is read by its
 * {@code Content-Length} or its chunks. It costs the client a few microseconds a request,
 * where {@code java.net.http} (a selector thread, futures and a scheduler per exchange)
 * took about as much CPU as the node it measured, on the same two cores. When the server
 * closes the connection (Tomcat does after {@code max-keep-alive-requests}), the next
 * request opens a new one, as any client would.
 *
 * @author Batchyard
 */
final class PlainHttpConnection implements AutoCloseable {

	private static final int TIMEOUT_MILLIS = 30_000;

	private final int port;

	private Socket socket;

	private OutputStream out;

	private InputStream in;

	PlainHttpConnection(int port) {
		this.port = port;
	}

	/**
	 * The bytes of one request to send again and again.
	 * @param method GET or POST
	 * @param path the path
	 * @param authorization the {@code Authorization} header's value, or {@code null}
	 * @param json the JSON body of a POST, or {@code null}
	 * @return the request's bytes
	 */
	static byte[] request(String method, String path, String authorization, String json) {
		byte[] body = (json != null) ? json.getBytes(StandardCharsets.UTF_8) : new byte[0];
		StringBuilder head = new StringBuilder(method).append(' ')
			.append(path)
			.append(" HTTP/1.1\r\n")
			.append("Host: localhost\r\n")
			.append("Accept: application/json\r\n");
		if (authorization != null) {
			head.append("Authorization: ").append(authorization).append("\r\n");
		}
		if (json != null) {
			head.append("Content-Type: application/json\r\n")
				.append("Content-Length: ")
				.append(body.length)
				.append("\r\n");
		}
		head.append("\r\n");
		byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
		byte[] request = new byte[headBytes.length + body.length];
		System.arraycopy(headBytes, 0, request, 0, headBytes.length);
		System.arraycopy(body, 0, request, headBytes.length, body.length);
		return request;
	}

	/**
	 * Sends a request and reads its answer; a connection the server closed before
	 * answering is opened again once.
	 * @param request the bytes of {@link #request}
	 * @return the answer
	 * @throws IOException when no answer comes
	 */
	Answer exchange(byte[] request) throws IOException {
		try {
			return exchangeOnce(request);
		}
		catch (IOException ex) {
			close();
			return exchangeOnce(request);
		}
	}

	private Answer exchangeOnce(byte[] request) throws IOException {
		if (this.socket == null) {
			open();
		}
		this.out.write(request);
		this.out.flush();
		Answer answer = readAnswer();
		if (answer.closes()) {
			close();
		}
		return answer;
	}

	private void open() throws IOException {
		Socket opened = new Socket();
		opened.setTcpNoDelay(true);
		opened.setSoTimeout(TIMEOUT_MILLIS);
		opened.connect(new InetSocketAddress("localhost", this.port), TIMEOUT_MILLIS);
		this.socket = opened;
		this.out = opened.getOutputStream();
		this.in = new BufferedInputStream(opened.getInputStream(), 16 * 1024);
	}

	private Answer readAnswer() throws IOException {
		String status = line();
		if (status.isEmpty()) {
			throw new IOException("The server closed the connection");
		}
		int code = Integer.parseInt(status.substring(9, 12));
		long length = -1;
		boolean chunked = false;
		boolean closes = false;
		for (String header = line(); !header.isEmpty(); header = line()) {
			int colon = header.indexOf(':');
			String name = header.substring(0, colon).trim();
			String value = header.substring(colon + 1).trim();
			if (name.equalsIgnoreCase("Content-Length")) {
				length = Long.parseLong(value);
			}
			else if (name.equalsIgnoreCase("Transfer-Encoding")) {
				chunked = value.equalsIgnoreCase("chunked");
			}
			else if (name.equalsIgnoreCase("Connection")) {
				closes = value.equalsIgnoreCase("close");
			}
		}
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		if (chunked) {
			for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0; size = Integer
				.parseInt(line().split(";")[0].trim(), 16)) {
				body.write(this.in.readNBytes(size));
				line();
			}
			while (!line().isEmpty()) {
				// trailers
			}
		}
		else if (length > 0) {
			body.write(this.in.readNBytes((int) length));
		}
		return new Answer(code, body.toString(StandardCharsets.UTF_8), closes);
	}

	/** One line without its CRLF; empty at the end of the stream. */
	private String line() throws IOException {
		StringBuilder line = new StringBuilder(64);
		for (int b = this.in.read(); b != -1; b = this.in.read()) {
			if (b == '\n') {
				int end = line.length();
				return (end > 0 && line.charAt(end - 1) == '\r') ? line.substring(0, end - 1) : line.toString();
			}
			line.append((char) b);
		}
		return line.toString();
	}

	@Override
	public void close() {
		if (this.socket != null) {
			try {
				this.socket.close();
			}
			catch (IOException ex) {
				// closing anyway
			}
			this.socket = null;
		}
	}

	/**
	 * An answer.
	 *
	 * @param status the HTTP status
	 * @param body the body as text
	 * @param closes whether the server closes the connection after it
	 */
	record Answer(int status, String body, boolean closes) {

	}

}
