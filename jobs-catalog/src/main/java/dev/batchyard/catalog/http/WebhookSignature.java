package dev.batchyard.catalog.http;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a webhook: {@code sha256=} and the hex HMAC-SHA256, under the shared
 * secret, of the timestamp header's value, a dot, and the raw body. Signing the timestamp
 * lets a receiver refuse a replayed delivery by its age.
 *
 * @author Batchyard
 */
public final class WebhookSignature {

	/** The signature header. */
	public static final String SIGNATURE_HEADER = "X-Batchyard-Signature";

	/** The header with the signing time, in seconds since the epoch. */
	public static final String TIMESTAMP_HEADER = "X-Batchyard-Timestamp";

	/** The header with the event id, the same on every attempt. */
	public static final String EVENT_ID_HEADER = "X-Batchyard-Event-Id";

	private WebhookSignature() {
	}

	/**
	 * Signs a delivery.
	 * @param secret the shared secret
	 * @param timestamp the timestamp header's value
	 * @param body the raw body
	 * @return the signature header's value
	 */
	public static String sign(String secret, String timestamp, byte[] body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
			return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	/**
	 * Checks a delivery the way a receiver should, in constant time.
	 * @param secret the shared secret
	 * @param timestamp the timestamp header's value
	 * @param body the raw body
	 * @param signature the signature header's value
	 * @return whether the signature is right
	 */
	public static boolean verify(String secret, String timestamp, byte[] body, String signature) {
		return signature != null
				&& MessageDigest.isEqual(sign(secret, timestamp, body).getBytes(StandardCharsets.UTF_8),
						signature.getBytes(StandardCharsets.UTF_8));
	}

}
