package dev.batchyard.security;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import dev.batchyard.limits.ManualTime;
import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

class VerifiedPasswordsTests {

	private final AtomicInteger bcryptChecks = new AtomicInteger();

	private final PasswordEncoder bcrypt = PasswordEncoderFactories.createDelegatingPasswordEncoder();

	private final PasswordEncoder counting = new PasswordEncoder() {

		@Override
		public String encode(CharSequence rawPassword) {
			return VerifiedPasswordsTests.this.bcrypt.encode(rawPassword);
		}

		@Override
		public boolean matches(CharSequence rawPassword, String encodedPassword) {
			VerifiedPasswordsTests.this.bcryptChecks.incrementAndGet();
			return VerifiedPasswordsTests.this.bcrypt.matches(rawPassword, encodedPassword);
		}

	};

	@Test
	void aPasswordThatMatchedIsCheckedWithBcryptOncePerPeriod() {
		ManualTime time = new ManualTime();
		VerifiedPasswords passwords = new VerifiedPasswords(this.counting, Duration.ofSeconds(60), 100, time,
				new SecureRandom());
		String hash = passwords.encode("s3cret");

		for (int i = 0; i < 50; i++) {
			assertThat(passwords.matches("s3cret", hash)).isTrue();
		}
		assertThat(this.bcryptChecks).hasValue(1);

		time.advance(Duration.ofSeconds(61));
		assertThat(passwords.matches("s3cret", hash)).isTrue();
		assertThat(this.bcryptChecks).hasValue(2);
	}

	@Test
	void aWrongPasswordIsCheckedWithBcryptEveryTime() {
		VerifiedPasswords passwords = new VerifiedPasswords(this.counting, Duration.ofSeconds(60), 100,
				new ManualTime(), new SecureRandom());
		String hash = passwords.encode("s3cret");

		assertThat(passwords.matches("s3cret", hash)).isTrue();
		assertThat(passwords.matches("guess", hash)).isFalse();
		assertThat(passwords.matches("guess", hash)).isFalse();
		assertThat(this.bcryptChecks).hasValue(3);
	}

	@Test
	void aPasswordRememberedForOneHashDoesNotMatchANewHash() {
		VerifiedPasswords passwords = new VerifiedPasswords(this.counting, Duration.ofSeconds(60), 100,
				new ManualTime(), new SecureRandom());
		String old = passwords.encode("s3cret");
		String changed = passwords.encode("n3w");

		assertThat(passwords.matches("s3cret", old)).isTrue();
		assertThat(passwords.matches("s3cret", changed)).isFalse();
	}

	@Test
	void theMemoryStaysWithinItsBound() {
		VerifiedPasswords passwords = new VerifiedPasswords(this.bcrypt, Duration.ofSeconds(60), 3, new ManualTime(),
				new SecureRandom());
		String[] hashes = { "{noop}a", "{noop}b", "{noop}c", "{noop}d", "{noop}e" };
		for (String hash : hashes) {
			assertThat(passwords.matches(hash.substring(6), hash)).isTrue();
		}

		assertThat(passwords.size()).isLessThanOrEqualTo(3);
	}

}
