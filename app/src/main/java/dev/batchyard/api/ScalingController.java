package dev.batchyard.api;

import java.security.Principal;
import java.time.Instant;
import java.util.List;

import dev.batchyard.scaling.Scaling;
import dev.batchyard.scaling.ScalingDecision;
import dev.batchyard.scaling.ScalingPolicy;
import dev.batchyard.scaling.ScalingPolicyChange;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

/**
 * The {@code scalingPolicies}, {@code scalingDecision} and {@code scalingHistory} queries
 * and the {@code updateScalingPolicy} mutation.
 *
 * @author Batchyard
 */
@Controller
class ScalingController {

	private final Scaling scaling;

	ScalingController(Scaling scaling) {
		this.scaling = scaling;
	}

	@QueryMapping
	List<ScalingPolicy> scalingPolicies() {
		return this.scaling.policies();
	}

	@QueryMapping
	ScalingDecision scalingDecision(@Argument String queueName) {
		return this.scaling.decide(queueName);
	}

	@QueryMapping
	ScalingHistory scalingHistory(@Argument String queueName, @Argument int limit, @Argument Instant since) {
		List<ScalingDecision> history = this.scaling.history(queueName, limit, since);
		return new ScalingHistory(this.scaling.policy(queueName).queueName(), history);
	}

	@MutationMapping
	@PreAuthorize("hasRole('ADMIN')")
	UpdateScalingPolicyResult updateScalingPolicy(@Argument String queueName, @Argument ScalingPolicyChange input,
			Principal principal) {
		return new UpdateScalingPolicyResult(true, this.scaling.update(queueName,
				(input != null) ? input : ScalingPolicyChange.NONE, principal.getName()));
	}

	/**
	 * The answer of {@code scalingHistory}.
	 *
	 * @param queueName the queue
	 * @param history its executed decisions, newest first
	 */
	record ScalingHistory(String queueName, List<ScalingDecision> history) {

	}

	/**
	 * The answer of {@code updateScalingPolicy}.
	 *
	 * @param success whether the change was applied (a refused one is an error instead)
	 * @param policy the queue's new policy
	 */
	record UpdateScalingPolicyResult(boolean success, ScalingPolicy policy) {

	}

}
