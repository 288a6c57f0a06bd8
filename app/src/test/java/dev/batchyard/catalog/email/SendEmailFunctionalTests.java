package dev.batchyard.catalog.email;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.smtp.SmtpManager;
import com.icegreen.greenmail.smtp.SmtpState;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.batchyard.catalog.JobRuns;
import dev.batchyard.engine.Job;
import dev.batchyard.engine.JobState;
import dev.batchyard.engine.Jobs;
import dev.batchyard.support.Node;
import dev.batchyard.support.TestServers;
import jakarta.mail.Message;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * send-email through a real SMTP server (GreenMail) that refuses one mailbox for good
 * with a 550, as a real server refuses an unknown user.
 */
class SendEmailFunctionalTests {

	private static GreenMail smtp;

	private static Node node;

	private static JobRuns runs;

	private static Path attachments;

	@BeforeAll
	static void start() throws Exception {
		smtp = new RefusingGreenMail(new ServerSetup(0, "127.0.0.1", "smtp"));
		smtp.start();
		attachments = Files.createTempDirectory("s21-attachments");
		Files.writeString(attachments.resolve("report.csv"), "id,total\n1,42\n");
		node = Node.start("email-node", TestServers.freshPostgresDatabase("send_email"),
				"batchyard.engine.poll-interval=200ms", "spring.mail.host=127.0.0.1",
				"spring.mail.port=" + smtp.getSmtp().getPort(), "batchyard.job-types.email.from=jobs@example.com",
				"batchyard.job-types.email.attachment-directory=" + attachments);
		runs = new JobRuns(node.bean(Jobs.class));
	}

	@AfterAll
	static void stop() {
		node.close();
		smtp.stop();
	}

	@BeforeEach
	void emptyMailboxes() throws Exception {
		smtp.purgeEmailFromAllMailboxes();
	}

	@Test
	void aMessageWithCopiesHeadersAndBothKindsOfAttachmentArrives() throws Exception {
		String inline = Base64.getEncoder().encodeToString("hello attachment".getBytes());
		Job done = runs.run("send-email", "{\"to\": [\"ada@example.com\"], \"cc\": [\"bob@example.com\"],"
				+ " \"replyTo\": \"help@example.com\", \"subject\": \"Your report\", \"text\": \"See attached.\","
				+ " \"html\": \"<p>See attached.</p>\", \"headers\": {\"X-Campaign\": \"q3\"},"
				+ " \"attachments\": [{\"filename\": \"note.txt\", \"base64\": \"" + inline + "\"},"
				+ " {\"filename\": \"report.csv\", \"contentType\": \"text/csv\", \"path\": \"report.csv\"}]}");

		assertThat(done.state()).isEqualTo(JobState.COMPLETED);
		assertThat(done.result()).contains("\"recipients\":2");
		MimeMessage[] received = smtp.getReceivedMessages();
		assertThat(received).hasSize(2);
		MimeMessage message = received[0];
		assertThat(message.getSubject()).isEqualTo("Your report");
		assertThat(message.getFrom()[0].toString()).isEqualTo("jobs@example.com");
		assertThat(message.getRecipients(Message.RecipientType.CC)[0].toString()).isEqualTo("bob@example.com");
		assertThat(message.getReplyTo()[0].toString()).isEqualTo("help@example.com");
		assertThat(message.getHeader("X-Campaign")).containsExactly("q3");
		assertThat(attachments(message)).containsEntry("note.txt", "hello attachment")
			.containsEntry("report.csv", "id,total\n1,42\n");
		assertThat(GreenMailUtil.getWholeMessage(message)).contains("text/csv", "See attached.",
				"<p>See attached.</p>");
	}

	@Test
	void aRecipientTheServerRefusesWithA550FailsTheJobWithoutARetry() {
		Job done = runs.run("send-email", "{\"to\": [\"nobody@example.com\"], \"subject\": \"Hi\", \"text\": \"x\"}");

		assertThat(done.state()).isEqualTo(JobState.FAILED);
		assertThat(done.attempts()).isEqualTo(1);
		assertThat(done.failures().get(0).errorMessage()).contains("refused the message for good", "550");
		assertThat(smtp.getReceivedMessages()).isEmpty();
	}

	@Test
	void aRecipientRefusedForNowWithA451IsRetriedAndThenDelivered() throws Exception {
		Job done = runs.run("send-email",
				"{\"to\": [\"later@example.com\"], \"subject\": \"Hi\", \"html\": \"<b>x</b>\"}");

		assertThat(done.state()).isEqualTo(JobState.COMPLETED);
		assertThat(done.attempts()).isEqualTo(2);
		assertThat(done.failures().get(0).errorMessage()).contains("451");
		assertThat(smtp.getReceivedMessages()).hasSize(1);
	}

	/** The attachments of a message by file name, with their decoded text. */
	private static Map<String, String> attachments(Part part) throws Exception {
		Map<String, String> found = new java.util.TreeMap<>();
		if (part.getFileName() != null) {
			found.put(part.getFileName(),
					// SMTP carries text with CRLF line ends
					new String(part.getInputStream().readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n"));
		}
		if (part.getContent() instanceof MimeMultipart multipart) {
			for (int i = 0; i < multipart.getCount(); i++) {
				found.putAll(attachments(multipart.getBodyPart(i)));
			}
		}
		return found;
	}

	/**
	 * GreenMail, refusing every mailbox called nobody with a 550 at RCPT TO, and the
	 * first RCPT TO of a mailbox called later with a 451.
	 */
	static final class RefusingGreenMail extends GreenMail {

		RefusingGreenMail(ServerSetup setup) {
			super(setup);
		}

		@Override
		protected Map<String, AbstractServer> createServices(ServerSetup[] config, Managers managers) {
			SmtpManager refusing = new SmtpManager(managers.getImapHostManager(), managers.getUserManager()) {

				private final AtomicInteger deferred = new AtomicInteger();

				@Override
				public String checkRecipient(SmtpState state, MailAddress address) {
					if (address.getEmail().startsWith("nobody@")) {
						return "550 5.1.1 <" + address.getEmail() + ">: mailbox unavailable";
					}
					if (address.getEmail().startsWith("later@") && this.deferred.incrementAndGet() == 1) {
						return "451 4.3.0 <" + address.getEmail() + ">: try again later";
					}
					return null;
				}

			};
			return super.createServices(config, new Managers() {

				@Override
				public SmtpManager getSmtpManager() {
					return refusing;
				}

				@Override
				public com.icegreen.greenmail.user.UserManager getUserManager() {
					return managers.getUserManager();
				}

				@Override
				public com.icegreen.greenmail.imap.ImapHostManager getImapHostManager() {
					return managers.getImapHostManager();
				}

			});
		}

	}

}
