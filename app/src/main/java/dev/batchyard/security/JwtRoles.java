package dev.batchyard.security;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Turns a bearer token into a user with the roles its role claim names; values that are
 * neither ADMIN nor VIEWER grant nothing.
 *
 * @author Batchyard
 */
class JwtRoles implements Converter<Jwt, AbstractAuthenticationToken> {

	private final String claim;

	JwtRoles(String claim) {
		this.claim = claim;
	}

	@Override
	public AbstractAuthenticationToken convert(Jwt jwt) {
		return new JwtAuthenticationToken(jwt, authorities(jwt.getClaims().get(this.claim)), jwt.getSubject());
	}

	private static List<GrantedAuthority> authorities(Object value) {
		Collection<?> values = (value instanceof Collection<?> many) ? many
				: (value != null) ? List.of(value) : List.of();
		return values.stream()
			.map(String::valueOf)
			.map(JwtRoles::role)
			.flatMap(Optional::stream)
			.map((role) -> (GrantedAuthority) new SimpleGrantedAuthority(role.authority()))
			.toList();
	}

	private static Optional<Role> role(String value) {
		String name = value.strip().toUpperCase(Locale.ROOT);
		for (Role role : Role.values()) {
			if (role.name().equals(name)) {
				return Optional.of(role);
			}
		}
		return Optional.empty();
	}

}
