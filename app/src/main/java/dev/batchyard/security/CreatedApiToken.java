package dev.batchyard.security;

/**
 * A token just created, with its secret: the only time the secret is ever shown.
 *
 * @param token the token
 * @param secret what the application sends, as {@code Authorization: Bearer by_...}
 * @author Batchyard
 */
public record CreatedApiToken(ApiToken token, String secret) {

}
