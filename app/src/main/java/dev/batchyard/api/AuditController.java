package dev.batchyard.api;

import java.time.Instant;
import java.util.List;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

/**
 * The {@code auditLog} query: the admin changes, newest first (ADMIN only).
 *
 * @author Batchyard
 */
@Controller
class AuditController {

	private final AuditTrail trail;

	AuditController(AuditTrail trail) {
		this.trail = trail;
	}

	@QueryMapping
	@PreAuthorize("hasRole('ADMIN')")
	List<AuditTrail.AuditEntry> auditLog(@Argument int limit, @Argument Instant since) {
		if (limit < 1 || limit > 1000) {
			throw new InvalidArgumentException("limit", "limit must be between 1 and 1000 (was " + limit + ")");
		}
		return this.trail.entries(limit, since);
	}

}
