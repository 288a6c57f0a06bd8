package dev.batchyard.catalog.email;

import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import dev.batchyard.catalog.spi.InvalidPayloadException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import static dev.batchyard.catalog.spi.PayloadChecks.require;

/**
 * What a {@code send-email} job sends. Checked when the job is enqueued: a bad field is
 * refused with its name.
 *
 * @param to recipients (required, at least one)
 * @param cc copy recipients; none by default
 * @param bcc blind copy recipients; none by default
 * @param from the sender; default {@code batchyard.job-types.email.from}
 * @param replyTo the reply-to address; none by default
 * @param subject the subject (required)
 * @param text the plain text body
 * @param html the HTML body; at least one of text and html is required
 * @param headers more headers; none by default
 * @param attachments files to attach; none by default
 * @author Batchyard
 */
public record SendEmailPayload(List<String> to, List<String> cc, List<String> bcc, String from, String replyTo,
		String subject, String text, String html, Map<String, String> headers, List<Attachment> attachments) {

	public SendEmailPayload {
		require(to != null && !to.isEmpty(), "to", "to is required: at least one recipient");
		to = addresses("to", to);
		cc = addresses("cc", cc);
		bcc = addresses("bcc", bcc);
		address("from", from);
		address("replyTo", replyTo);
		require(subject != null, "subject", "subject is required");
		require(text != null || html != null, "text", "text or html is required: the body of the message");
		headers = (headers != null) ? Map.copyOf(headers) : Map.of();
		attachments = (attachments != null) ? List.copyOf(attachments) : List.of();
	}

	private static List<String> addresses(String field, List<String> addresses) {
		if (addresses == null) {
			return List.of();
		}
		addresses.forEach((address) -> address(field, address));
		return List.copyOf(addresses);
	}

	private static void address(String field, String address) {
		if (address == null) {
			return;
		}
		try {
			new InternetAddress(address, true);
		}
		catch (AddressException ex) {
			throw new InvalidPayloadException(field,
					field + " has a bad address '" + address + "': " + ex.getMessage());
		}
	}

	/**
	 * One attachment: its content inline in base64, or a path under
	 * {@code batchyard.job-types.email.attachment-directory}.
	 *
	 * @param filename the name the recipient sees (required)
	 * @param contentType the MIME type; guessed from the name by default
	 * @param base64 the content, base64-encoded
	 * @param path a path relative to the attachment directory; give base64 or path
	 */
	public record Attachment(String filename, String contentType, String base64, String path) {

		public Attachment {
			require(filename != null && !filename.isBlank(), "filename", "attachments[].filename is required");
			require((base64 == null) != (path == null), "base64",
					"attachments[].base64 or attachments[].path is required, not both (" + filename + ")");
			if (base64 != null) {
				try {
					Base64.getDecoder().decode(base64.replaceAll("\\s", ""));
				}
				catch (IllegalArgumentException ex) {
					throw new InvalidPayloadException("base64",
							"attachments[].base64 of " + filename + " is not base64");
				}
			}
			require(path == null || !(Path.of(path).isAbsolute() || Path.of(path).normalize().startsWith("..")), "path",
					"attachments[].path must be relative to the attachment directory and stay under it (was " + path
							+ ")");
		}

	}

}
