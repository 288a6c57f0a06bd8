package dev.batchyard.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a bearer token's role is read, bound from {@code batchyard.security.jwt}. Tokens
 * are accepted once an issuer is configured with Spring Boot's
 * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} (or {@code jwk-set-uri},
 * or {@code public-key-location}).
 *
 * @param roleClaim the claim that holds the role: a string or a list of strings, matched
 * to ADMIN and VIEWER ignoring case (e.g. {@code "roles": ["viewer"]})
 * @author Batchyard
 */
@ConfigurationProperties("batchyard.security.jwt")
public record JwtProperties(@DefaultValue("roles") String roleClaim) {

}
