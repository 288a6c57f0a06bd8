package dev.batchyard.catalog.email;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of {@code send-email}; the SMTP server itself is {@code spring.mail.*}.
 *
 * @param from the sender when a payload names none
 * @param attachmentDirectory the only directory attachments may be read from by path;
 * unset by default: attachments by path are refused
 * @author Batchyard
 */
@ConfigurationProperties("batchyard.job-types.email")
public record EmailJobProperties(String from, String attachmentDirectory) {

}
