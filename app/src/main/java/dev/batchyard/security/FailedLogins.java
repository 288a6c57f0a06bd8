package dev.batchyard.security;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The wrong passwords a node has seen, per user and address and per address, and the
 * lock-outs they earned. A locked pair or address is refused before any password check,
 * so a guesser costs the node no BCrypt. The memory is bounded: past {@value #MAX_KEYS}
 * keys the ones with nothing recent are dropped, and in a flood of distinct keys all of
 * them.
 *
 * @author Batchyard
 */
class FailedLogins {

	static final int MAX_KEYS = 10_000;

	private final LockoutProperties properties;

	private final Clock clock;

	private final Map<String, Record> records = new ConcurrentHashMap<>();

	FailedLogins(LockoutProperties properties, Clock clock) {
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * How long a login of this user from this address stays refused.
	 * @return the seconds left, 0 when it may try
	 */
	long lockedFor(String user, String address) {
		long now = this.clock.millis();
		return Math.max(left(pair(user, address), now), left(address(address), now));
	}

	/**
	 * Counts a wrong password.
	 * @return what it locked: the pair, the address, or nothing ({@code null})
	 */
	Lockout failed(String user, String address) {
		long now = this.clock.millis();
		if (this.records.size() >= MAX_KEYS) {
			prune(now);
		}
		boolean pair = count(pair(user, address), this.properties.maxFailures(), now);
		boolean all = count(address(address), this.properties.maxFailuresPerAddress(), now);
		return all ? Lockout.ADDRESS : pair ? Lockout.USER_AND_ADDRESS : null;
	}

	/** A right password: its pair starts over. */
	void succeeded(String user, String address) {
		if (!this.records.isEmpty()) {
			// nearly always empty: no key to build on the common path
			this.records.remove(pair(user, address));
		}
	}

	/** What a failure locked. */
	enum Lockout {

		/** The user, from this address. */
		USER_AND_ADDRESS,

		/** The address, for every user. */
		ADDRESS

	}

	private boolean count(String key, int max, long now) {
		if (max == 0) {
			return false;
		}
		Record record = this.records.computeIfAbsent(key, (ignored) -> new Record());
		synchronized (record) {
			long since = now - this.properties.window().toMillis();
			while (!record.failures.isEmpty() && record.failures.peekFirst() <= since) {
				record.failures.pollFirst();
			}
			record.failures.addLast(now);
			if (record.failures.size() >= max && record.lockedUntil <= now) {
				record.lockedUntil = now + this.properties.duration().toMillis();
				record.failures.clear();
				return true;
			}
			return false;
		}
	}

	private long left(String key, long now) {
		Record record = this.records.get(key);
		if (record == null) {
			return 0;
		}
		synchronized (record) {
			long millis = record.lockedUntil - now;
			return (millis <= 0) ? 0 : (millis + 999) / 1000;
		}
	}

	private void prune(long now) {
		long since = now - this.properties.window().toMillis();
		this.records.values().removeIf((record) -> {
			synchronized (record) {
				return record.lockedUntil <= now && (record.failures.isEmpty() || record.failures.peekLast() <= since);
			}
		});
		if (this.records.size() >= MAX_KEYS) {
			this.records.clear();
		}
	}

	private static String pair(String user, String address) {
		return "user:" + user + "\u0000" + address;
	}

	private static String address(String address) {
		return "address:" + address;
	}

	private static final class Record {

		private final Deque<Long> failures = new ArrayDeque<>();

		private long lockedUntil;

	}

}
