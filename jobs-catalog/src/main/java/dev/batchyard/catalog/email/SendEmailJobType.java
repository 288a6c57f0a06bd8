package dev.batchyard.catalog.email;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import dev.batchyard.catalog.email.SendEmailPayload.Attachment;
import dev.batchyard.catalog.spi.Bookkeeping;
import dev.batchyard.catalog.spi.JobContext;
import dev.batchyard.catalog.spi.JobType;
import dev.batchyard.catalog.spi.JobTypeDescriptor;
import dev.batchyard.catalog.spi.NonRetryableJobException;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * The built-in {@code send-email} job type on the {@code scheduled-emails} queue, taking
 * a permit from the {@code emailSending} limiter: one message through the
 * {@link JavaMailSender} that Spring Boot sets up from {@code spring.mail.*}. A recipient
 * or message the server refuses with a 5xx fails the job at once (retrying will not make
 * the mailbox exist); a 4xx or a connection failure is retried.
 *
 * @author Batchyard
 */
public class SendEmailJobType implements JobType<SendEmailPayload> {

	/** The type's name. */
	public static final String NAME = "send-email";

	private static final JobTypeDescriptor<SendEmailPayload> DESCRIPTOR = new JobTypeDescriptor<>(NAME,
			"scheduled-emails", SendEmailPayload.class);

	private final ObjectProvider<JavaMailSender> mailSender;

	private final EmailJobProperties properties;

	public SendEmailJobType(ObjectProvider<JavaMailSender> mailSender, EmailJobProperties properties) {
		this.mailSender = mailSender;
		this.properties = properties;
	}

	@Override
	public JobTypeDescriptor<SendEmailPayload> descriptor() {
		return DESCRIPTOR;
	}

	@Override
	public Bookkeeping bookkeeping(SendEmailPayload payload) {
		return Bookkeeping.LIGHT;
	}

	@Override
	public List<String> limiters() {
		return List.of("emailSending");
	}

	/** One SMTP exchange or one POST: a minute is plenty, and frees the worker sooner. */
	@Override
	public Optional<Duration> timeout() {
		return Optional.of(Duration.ofSeconds(60));
	}

	@Override
	public Job job(SendEmailPayload payload, JobContext context) {
		return context.job(NAME, context.step("send").tasklet((contribution, chunk) -> {
			JavaMailSender sender = this.mailSender.getIfAvailable();
			if (sender == null) {
				throw new NonRetryableJobException("spring.mail.host is not set: there is no SMTP server to send to");
			}
			MimeMessage message = message(sender, payload);
			try {
				sender.send(message);
			}
			catch (MailException ex) {
				throw permanent(ex) ? new NonRetryableJobException(
						"the SMTP server refused the message for good: " + ex.getMessage(), ex) : ex;
			}
			context.log("sent '" + payload.subject() + "' to " + payload.to().size() + " recipient(s)");
			context.result(new SendEmailResult(message.getMessageID(),
					payload.to().size() + payload.cc().size() + payload.bcc().size()));
			context.progress(100);
			return RepeatStatus.FINISHED;
		}, context.transactionManager()).build());
	}

	private MimeMessage message(JavaMailSender sender, SendEmailPayload payload) throws Exception {
		MimeMessage message = sender.createMimeMessage();
		boolean multipart = !payload.attachments().isEmpty() || (payload.text() != null && payload.html() != null);
		MimeMessageHelper helper = new MimeMessageHelper(message, multipart, "UTF-8");
		String from = (payload.from() != null) ? payload.from() : this.properties.from();
		if (from != null) {
			helper.setFrom(from);
		}
		helper.setTo(payload.to().toArray(String[]::new));
		helper.setCc(payload.cc().toArray(String[]::new));
		helper.setBcc(payload.bcc().toArray(String[]::new));
		if (payload.replyTo() != null) {
			helper.setReplyTo(payload.replyTo());
		}
		helper.setSubject(payload.subject());
		if (payload.text() != null && payload.html() != null) {
			helper.setText(payload.text(), payload.html());
		}
		else if (payload.html() != null) {
			helper.setText(payload.html(), true);
		}
		else {
			helper.setText(payload.text(), false);
		}
		for (Attachment attachment : payload.attachments()) {
			ByteArrayResource content = new ByteArrayResource(content(attachment));
			if (attachment.contentType() != null) {
				helper.addAttachment(attachment.filename(), content, attachment.contentType());
			}
			else {
				helper.addAttachment(attachment.filename(), content);
			}
		}
		for (var header : payload.headers().entrySet()) {
			message.addHeader(header.getKey(), header.getValue());
		}
		return message;
	}

	private byte[] content(Attachment attachment) throws Exception {
		if (attachment.base64() != null) {
			return Base64.getDecoder().decode(attachment.base64().replaceAll("\\s", ""));
		}
		if (this.properties.attachmentDirectory() == null) {
			throw new NonRetryableJobException("attachment " + attachment.filename()
					+ " is given by path but batchyard.job-types.email.attachment-directory is not set");
		}
		Path directory = Path.of(this.properties.attachmentDirectory()).toRealPath();
		Path file = directory.resolve(attachment.path()).normalize();
		if (!Files.isRegularFile(file) || !file.toRealPath().startsWith(directory)) {
			throw new NonRetryableJobException("attachment " + attachment.path() + " is not a file under " + directory);
		}
		return Files.readAllBytes(file);
	}

	/** Whether the server answered some part of the exchange with a 5xx. */
	static boolean permanent(MailException error) {
		List<Throwable> causes = new ArrayList<>();
		causes.add(error);
		if (error instanceof MailSendException send) {
			causes.addAll(send.getFailedMessages().values());
		}
		for (int i = 0; i < causes.size() && i < 50; i++) {
			Throwable cause = causes.get(i);
			if (cause instanceof SMTPAddressFailedException failed && failed.getReturnCode() >= 500) {
				return true;
			}
			if (cause instanceof SMTPSendFailedException failed && failed.getReturnCode() >= 500) {
				return true;
			}
			if (cause instanceof MessagingException messaging && messaging.getNextException() != null) {
				causes.add(messaging.getNextException());
			}
			if (cause.getCause() != null && cause.getCause() != cause) {
				causes.add(cause.getCause());
			}
		}
		return false;
	}

	/**
	 * A sent message.
	 *
	 * @param messageId its Message-ID
	 * @param recipients how many recipients it went to
	 */
	public record SendEmailResult(String messageId, int recipients) {

	}

}
