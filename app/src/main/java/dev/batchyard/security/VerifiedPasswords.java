package dev.batchyard.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;

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
 * <p>
 * Two things keep a busy client from ever waiting on BCrypt together. Requests that meet
 * the same unchecked credential at once share one BCrypt check instead of running one
 * each (16 clients after a lapse cost 16 checks, 0.4-0.7 s of both cores, before this).
 * And a credential in use is checked again in the background during the last quarter of
 * its period, while it is still accepted, so that it never lapses under a steady client.
 *
 * @author Batchyard
 */
class VerifiedPasswords implements PasswordEncoder {

	private final PasswordEncoder delegate;

	private final SecretKeySpec key;

	private final long ttlMillis;

	private final int maxEntries;

	private final Clock clock;

	private final Executor background;

	private final Map<ByteBuffer, Long> verified = new ConcurrentHashMap<>();

	/**
	 * The BCrypt checks under way, so that a credential is checked by one thread at a
	 * time.
	 */
	private final Map<ByteBuffer, CompletableFuture<Boolean>> checking = new ConcurrentHashMap<>();

	VerifiedPasswords(PasswordEncoder delegate, Duration ttl, int maxEntries, Clock clock, SecureRandom random,
			Executor background) {
		this.delegate = delegate;
		this.background = background;
		byte[] secret = new byte[32];
		random.nextBytes(secret);
		this.key = new SecretKeySpec(secret, "HmacSHA256");
		this.ttlMillis = ttl.toMillis();
		this.maxEntries = maxEntries;
		this.clock = clock;
	}

	/** A virtual thread per background check: one per credential in use and period. */
	static Executor backgroundThreads() {
		ThreadFactory threads = Thread.ofVirtual().name("batchyard-password-check-", 0).factory();
		return (task) -> threads.newThread(task).start();
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
			if (expiresAt - now < this.ttlMillis / 4) {
				checkInBackground(entry, rawPassword.toString(), encodedPassword);
			}
			return true;
		}
		CompletableFuture<Boolean> mine = new CompletableFuture<>();
		CompletableFuture<Boolean> running = this.checking.putIfAbsent(entry, mine);
		if (running != null) {
			try {
				return running.join();
			}
			catch (CompletionException ex) {
				throw (ex.getCause() instanceof RuntimeException cause) ? cause : ex;
			}
		}
		return check(entry, rawPassword, encodedPassword, mine);
	}

	/** Starts a check of a credential still accepted, unless one is already under way. */
	private void checkInBackground(ByteBuffer entry, String rawPassword, String encodedPassword) {
		CompletableFuture<Boolean> mine = new CompletableFuture<>();
		if (this.checking.putIfAbsent(entry, mine) != null) {
			return;
		}
		try {
			this.background.execute(() -> check(entry, rawPassword, encodedPassword, mine));
		}
		catch (RuntimeException ex) {
			// not started: the credential stays accepted until it lapses, then is checked
			// in line
			this.checking.remove(entry, mine);
			mine.completeExceptionally(ex);
		}
	}

	/** One BCrypt check, its result remembered and handed to whoever waits on it. */
	private boolean check(ByteBuffer entry, CharSequence rawPassword, String encodedPassword,
			CompletableFuture<Boolean> result) {
		try {
			boolean matches = this.delegate.matches(rawPassword, encodedPassword);
			if (matches) {
				remember(entry, this.clock.millis());
			}
			else {
				this.verified.remove(entry);
			}
			result.complete(matches);
			return matches;
		}
		catch (RuntimeException | Error ex) {
			result.completeExceptionally(ex);
			throw ex;
		}
		finally {
			this.checking.remove(entry, result);
		}
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
