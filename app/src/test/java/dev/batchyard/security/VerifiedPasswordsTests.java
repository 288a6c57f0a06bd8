package dev.batchyard.security;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.batchyard.limits.ManualTime;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

class VerifiedPasswordsTests {

	private final AtomicInteger bcryptChecks = new AtomicInteger();

	private final PasswordEncoder bcrypt = PasswordEncoderFactories.createDelegatingPasswordEncoder();

	private final PasswordEncoder counting = counting(() -> {
	});

	/** BCrypt, counting its checks; each check first runs {@code beforeCheck}. */
	private PasswordEncoder counting(Runnable beforeCheck) {
		return new PasswordEncoder() {

			@Override
			public String encode(CharSequence rawPassword) {
				return VerifiedPasswordsTests.this.bcrypt.encode(rawPassword);
			}

			@Override
			public boolean matches(CharSequence rawPassword, String encodedPassword) {
				VerifiedPasswordsTests.this.bcryptChecks.incrementAndGet();
				beforeCheck.run();
				return VerifiedPasswordsTests.this.bcrypt.matches(rawPassword, encodedPassword);
			}

		};
	}

	@Test
	void aPasswordThatMatchedIsCheckedWithBcryptOncePerPeriod() {
		ManualTime time = new ManualTime();
		VerifiedPasswords passwords = new VerifiedPasswords(this.counting, Duration.ofSeconds(60), 100, time,
				new SecureRandom(), Runnable::run);
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
				new ManualTime(), new SecureRandom(), Runnable::run);
		String hash = passwords.encode("s3cret");

		assertThat(passwords.matches("s3cret", hash)).isTrue();
		assertThat(passwords.matches("guess", hash)).isFalse();
		assertThat(passwords.matches("guess", hash)).isFalse();
		assertThat(this.bcryptChecks).hasValue(3);
	}

	@Test
	void aPasswordRememberedForOneHashDoesNotMatchANewHash() {
		VerifiedPasswords passwords = new VerifiedPasswords(this.counting, Duration.ofSeconds(60), 100,
				new ManualTime(), new SecureRandom(), Runnable::run);
		String old = passwords.encode("s3cret");
		String changed = passwords.encode("n3w");

		assertThat(passwords.matches("s3cret", old)).isTrue();
		assertThat(passwords.matches("s3cret", changed)).isFalse();
	}

	@Test
	void theMemoryStaysWithinItsBound() {
		VerifiedPasswords passwords = new VerifiedPasswords(this.bcrypt, Duration.ofSeconds(60), 3, new ManualTime(),
				new SecureRandom(), Runnable::run);
		String[] hashes = { "{noop}a", "{noop}b", "{noop}c", "{noop}d", "{noop}e" };
		for (String hash : hashes) {
			assertThat(passwords.matches(hash.substring(6), hash)).isTrue();
		}

		assertThat(passwords.size()).isLessThanOrEqualTo(3);
	}

	@Test
	void aPasswordInUseIsCheckedAgainInTheBackgroundBeforeItLapses() {
		ManualTime time = new ManualTime();
		List<Runnable> background = new ArrayList<>();
		VerifiedPasswords passwords = new VerifiedPasswords(this.counting, Duration.ofSeconds(60), 100, time,
				new SecureRandom(), background::add);
		String hash = passwords.encode("s3cret");
		assertThat(passwords.matches("s3cret", hash)).isTrue();

		time.advance(Duration.ofSeconds(50));
		for (int i = 0; i < 10; i++) {
			assertThat(passwords.matches("s3cret", hash)).isTrue();
		}
		assertThat(this.bcryptChecks).as("no request waits on BCrypt while the password is accepted").hasValue(1);
		assertThat(background).as("one check for all ten requests").hasSize(1);

		background.get(0).run();
		time.advance(Duration.ofSeconds(20));
		assertThat(passwords.matches("s3cret", hash)).isTrue();
		assertThat(this.bcryptChecks).as("renewed at 50 s, so still accepted at 70 s").hasValue(2);
	}

	@Test
	void clientsThatMeetAnUncheckedPasswordTogetherShareOneBcryptCheck() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		PasswordEncoder slow = counting(() -> {
			try {
				release.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		VerifiedPasswords passwords = new VerifiedPasswords(slow, Duration.ofSeconds(60), 100, new ManualTime(),
				new SecureRandom(), Runnable::run);
		String hash = passwords.encode("s3cret");
		ExecutorService clients = Executors.newFixedThreadPool(16);
		try {
			List<Future<Boolean>> answers = new ArrayList<>();
			for (int i = 0; i < 16; i++) {
				answers.add(clients.submit(() -> passwords.matches("s3cret", hash)));
			}
			Awaitility.await().untilAsserted(() -> assertThat(this.bcryptChecks).hasValue(1));
			Thread.sleep(200);
			release.countDown();
			for (Future<Boolean> answer : answers) {
				assertThat(answer.get(10, TimeUnit.SECONDS)).isTrue();
			}
		}
		finally {
			clients.shutdownNow();
		}
		assertThat(this.bcryptChecks).hasValue(1);
	}

}
