package dev.batchyard.api;

import java.security.Principal;
import java.util.List;

import dev.batchyard.limits.ExecutionStats;
import dev.batchyard.limits.TimeoutConfig;
import dev.batchyard.limits.TimeoutInput;
import dev.batchyard.limits.Timeouts;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

/**
 * The {@code timeouts} and {@code executionStats} queries and the {@code updateTimeout}
 * mutation.
 *
 * @author Batchyard
 */
@Controller
class TimeoutController {

	private final Timeouts timeouts;

	TimeoutController(Timeouts timeouts) {
		this.timeouts = timeouts;
	}

	@QueryMapping
	List<TimeoutConfig> timeouts() {
		return this.timeouts.configs();
	}

	@QueryMapping
	ExecutionStats executionStats(@Argument String queueName) {
		return this.timeouts.stats(queueName);
	}

	@MutationMapping
	@PreAuthorize("hasRole('ADMIN')")
	UpdateTimeoutResult updateTimeout(@Argument String queueName, @Argument TimeoutInput input, Principal principal) {
		return new UpdateTimeoutResult(true, this.timeouts.update(queueName, input, principal.getName()));
	}

	@SchemaMapping(typeName = "TimeoutConfig")
	long timeout(TimeoutConfig config) {
		return config.timeout().toMillis();
	}

	@SchemaMapping(typeName = "TimeoutConfig")
	long effectiveTimeout(TimeoutConfig config) {
		return config.effectiveTimeout().toMillis();
	}

	/**
	 * The result of {@code updateTimeout}.
	 *
	 * @param success whether the change was applied (a refused one is an error instead)
	 * @param config the queue's new policy
	 */
	record UpdateTimeoutResult(boolean success, TimeoutConfig config) {

	}

}
