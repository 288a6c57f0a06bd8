package dev.batchyard.security;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * A request authenticated by an API token ({@code Authorization: Bearer by_...}), named
 * {@code token:<name>}, with the token's role.
 *
 * @author Batchyard
 */
final class ApiTokenAuthentication extends AbstractAuthenticationToken {

	private static final long serialVersionUID = 1L;

	private final String principal;

	private ApiTokenAuthentication(ApiToken token) {
		super(List.of(new SimpleGrantedAuthority(token.role().authority())));
		this.principal = token.principal();
		setAuthenticated(true);
	}

	@Override
	public Object getCredentials() {
		return "";
	}

	@Override
	public Object getPrincipal() {
		return this.principal;
	}

	/**
	 * Checks bearer secrets that start with {@code by_} against the stored tokens.
	 * @param tokens the tokens
	 * @return the provider
	 */
	static AuthenticationProvider provider(ApiTokens tokens) {
		return new AuthenticationProvider() {

			@Override
			public Authentication authenticate(Authentication authentication) {
				String secret = ((BearerTokenAuthenticationToken) authentication).getToken();
				return tokens.authenticate(secret)
					.map(ApiTokenAuthentication::new)
					.orElseThrow(() -> new InvalidBearerTokenException(
							secret.startsWith(ApiTokens.SECRET_PREFIX) ? "Unknown, expired or revoked API token"
									: "Bearer JWTs are not accepted: no issuer is configured"));
			}

			@Override
			public boolean supports(Class<?> authentication) {
				return BearerTokenAuthenticationToken.class.isAssignableFrom(authentication);
			}

		};
	}

}
