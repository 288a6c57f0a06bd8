package dev.batchyard.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The password encoder of the API: BCrypt (through Spring Security's delegating encoder)
 * for the stored passwords, with a short memory of successful checks so that a script or
 * an admin UI sending HTTP Basic on every request pays one BCrypt check (about 40 ms of
 * CPU at the default strength) per {@code ttl}, not per request.
 * <p>
 * What is remembered is an HMAC-SHA256, under a random key made at start and never
 * stored, of the stored hash and the password that matched it: never the password, and
 * nothing that can be checked offline without the key. Because the stored hash is part of
 * the key, a changed password (a new hash) can never meet an entry of the old one: the
 * old password is refused and the new one accepted at the next request. A wrong password
 * is never remembered, so guessing stays as slow as BCrypt makes it.
 *
 * @author Batchyard
 */
class VerifiedPasswords implements PasswordEncoder {

	private final PasswordEncoder delegate;

	private final SecretKeySpec key;

	private final long ttlMillis;

	private final int maxEntries;

	private final Clock clock;

	private final Map<ByteBuffer, Long> verified = new ConcurrentHashMap<>();

	VerifiedPasswords(PasswordEncoder delegate, Duration ttl, int maxEntries, Clock clock, SecureRandom random) {
		this.delegate = delegate;
		byte[] secret = new byte[32];
		random.nextBytes(secret);
		this.key = new SecretKeySpec(secret, "HmacSHA256");
		this.ttlMillis = ttl.toMillis();
		this.maxEntries = maxEntries;
		this.clock = clock;
	}

	@Override
	public String encode(CharSequence rawPassword) {
		return this.delegate.encode(rawPassword);
	}

	@Override
	public boolean matches(CharSequence rawPassword, String encodedPassword) {
		if (this.ttlMillis <= 0 || rawPassword == null || encodedPassword == null) {
			return this.delegate.matches(rawPassword, encodedPassword);
		}
		ByteBuffer entry = entry(rawPassword, encodedPassword);
		long now = this.clock.millis();
		Long expiresAt = this.verified.get(entry);
		if (expiresAt != null && expiresAt > now) {
			return true;
		}
		boolean matches = this.delegate.matches(rawPassword, encodedPassword);
		if (matches) {
			remember(entry, now);
		}
		else if (expiresAt != null) {
			this.verified.remove(entry);
		}
		return matches;
	}

	@Override
	public boolean upgradeEncoding(String encodedPassword) {
		return this.delegate.upgradeEncoding(encodedPassword);
	}

	/** How many successful checks are remembered now (expired ones included). */
	int size() {
		return this.verified.size();
	}

	private void remember(ByteBuffer entry, long now) {
		if (this.verified.size() >= this.maxEntries) {
			this.verified.values().removeIf((expiresAt) -> expiresAt <= now);
			if (this.verified.size() >= this.maxEntries) {
				// a flood of distinct credentials: forget them all rather than grow
				this.verified.clear();
			}
		}
		this.verified.put(entry, now + this.ttlMillis);
	}

	private ByteBuffer entry(CharSequence rawPassword, String encodedPassword) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(this.key);
			mac.update(encodedPassword.getBytes(StandardCharsets.UTF_8));
			mac.update((byte) 0);
			mac.update(StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(rawPassword)));
			return ByteBuffer.wrap(mac.doFinal());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is part of every JDK", ex);
		}
	}

}
