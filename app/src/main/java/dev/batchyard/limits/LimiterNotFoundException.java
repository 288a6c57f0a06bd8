package dev.batchyard.limits;

/**
 * No limiter has the name asked for.
 *
 * @author Batchyard
 */
public class LimiterNotFoundException extends RuntimeException {

	private final String limiterName;

	public LimiterNotFoundException(String limiterName) {
		super("There is no rate limiter named '" + limiterName + "'; the rateLimits query lists them");
		this.limiterName = limiterName;
	}

	public String getLimiterName() {
		return this.limiterName;
	}

}
