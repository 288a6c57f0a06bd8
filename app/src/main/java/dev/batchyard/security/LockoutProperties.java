package dev.batchyard.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How repeated wrong passwords are stopped, bound from
 * {@code batchyard.security.lockout}. Counted per node.
 *
 * @param maxFailures wrong passwords for one user from one address within {@code window}
 * that lock that user out from that address (0: never)
 * @param maxFailuresPerAddress wrong passwords from one address for any users within
 * {@code window} that lock the address out (0: never)
 * @param window how far back failures count
 * @param duration how long a lock-out lasts
 * @author Batchyard
 */
@ConfigurationProperties("batchyard.security.lockout")
public record LockoutProperties(@DefaultValue("10") int maxFailures, @DefaultValue("50") int maxFailuresPerAddress,
		@DefaultValue("5m") Duration window, @DefaultValue("5m") Duration duration) {

	public LockoutProperties {
		if (maxFailures < 0 || maxFailuresPerAddress < 0) {
			throw new IllegalArgumentException("batchyard.security.lockout.max-failures and max-failures-per-address"
					+ " must not be negative (0 turns them off)");
		}
		if (window.isNegative() || window.isZero() || duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException(
					"batchyard.security.lockout.window and duration must be more than 0 (were " + window + ", "
							+ duration + ")");
		}
	}

}
