package dev.batchyard.api;

import java.time.Instant;
import java.util.List;

import dev.batchyard.security.ApiToken;
import dev.batchyard.security.ApiTokens;
import dev.batchyard.security.CreatedApiToken;
import dev.batchyard.security.Role;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;

/**
 * The API tokens of applications: {@code apiTokens}, {@code createApiToken} and
 * {@code revokeApiToken}, all ADMIN only (and audited by {@link AuditInterceptor}).
 *
 * @author Batchyard
 */
@Controller
class ApiTokenController {

	private final ApiTokens tokens;

	ApiTokenController(ApiTokens tokens) {
		this.tokens = tokens;
	}

	@QueryMapping
	@PreAuthorize("hasRole('ADMIN')")
	List<ApiToken> apiTokens(@Argument boolean includeRevoked) {
		return this.tokens.list(includeRevoked);
	}

	@MutationMapping
	@PreAuthorize("hasRole('ADMIN')")
	CreatedApiToken createApiToken(@Argument CreateApiTokenInput input, Authentication admin) {
		return this.tokens.create(input.name(), input.role(), input.expiresAt(), admin.getName());
	}

	@MutationMapping
	@PreAuthorize("hasRole('ADMIN')")
	ApiToken revokeApiToken(@Argument String id, Authentication admin) {
		long tokenId;
		try {
			tokenId = Long.parseLong(id.trim());
		}
		catch (NumberFormatException ex) {
			throw new InvalidArgumentException("id", "id must be an API token id such as 3 (was '" + id + "')");
		}
		return this.tokens.revoke(tokenId, admin.getName());
	}

	/**
	 * A token to create.
	 *
	 * @param name what it is for
	 * @param role what it may do
	 * @param expiresAt when it stops working, or null
	 */
	record CreateApiTokenInput(String name, Role role, Instant expiresAt) {

	}

}
