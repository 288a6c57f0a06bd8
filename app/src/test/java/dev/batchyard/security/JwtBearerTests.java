package dev.batchyard.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.batchyard.support.ApiClient;
import dev.batchyard.support.ApiClient.Response;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bearer tokens signed by a configured issuer key, with the role in a claim.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:jwt;DB_CLOSE_DELAY=-1",
				"batchyard.security.admin.password=admin-secret", "batchyard.security.jwt.role-claim=batchyard_roles" })
class JwtBearerTests {

	private static final KeyPair issuerKey = rsaKeyPair();

	private static final KeyPair strangerKey = rsaKeyPair();

	private static final String UPDATE = "mutation { updateRateLimit(limiterName: \"stripeApi\","
			+ " input: { perSecond: 90 }) { limiterName perSecond } }";

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void issuerPublicKey(DynamicPropertyRegistry registry) {
		registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", () -> "file:" + publicKeyFile());
	}

	@Test
	void aViewerTokenMayQueryButNotChangeAnything() {
		ApiClient viewer = ApiClient.bearer(this.port, token(issuerKey, "VIEWER"));

		assertThat(viewer.graphql("{ queue(name: \"default\") { name } }")
			.json()
			.path("data")
			.path("queue")
			.path("name")
			.asString()).isEqualTo("default");
		assertThat(viewer.graphql(UPDATE).errorCode()).isEqualTo("FORBIDDEN");
	}

	@Test
	void anAdminTokenMayChangeThings() {
		Response response = ApiClient.bearer(this.port, token(issuerKey, "admin")).graphql(UPDATE);

		assertThat(response.json().path("data").path("updateRateLimit").path("perSecond").asInt()).isEqualTo(90);
	}

	@Test
	void aTokenSignedBySomeoneElseIs401Unauthorized() {
		Response response = ApiClient.bearer(this.port, token(strangerKey, "ADMIN")).graphql("{ queues { name } }");

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.errorCode()).isEqualTo("UNAUTHORIZED");
	}

	@Test
	void aValidTokenWithoutARoleIs403Forbidden() {
		Response response = ApiClient.bearer(this.port, token(issuerKey, "auditor")).graphql("{ queues { name } }");

		assertThat(response.status()).isEqualTo(403);
		assertThat(response.errorCode()).isEqualTo("FORBIDDEN");
	}

	@Test
	void anApiTokenWorksBesideTheIssuersJwts() {
		String secret = ApiTokensTests
			.create(ApiClient.as(this.port, "admin", "admin-secret"), "beside-jwt", "VIEWER", null)
			.path("secret")
			.asString();

		assertThat(ApiClient.bearer(this.port, secret).graphql("{ queues { name } }").status()).isEqualTo(200);
		assertThat(ApiClient.bearer(this.port, token(issuerKey, "VIEWER")).graphql("{ queues { name } }").status())
			.isEqualTo(200);
		assertThat(ApiClient.bearer(this.port, secret + "x").graphql("{ queues { name } }").status()).isEqualTo(401);
	}

	@Test
	void anUnsignedTokenWithAlgNoneIs401Unauthorized() {
		String header = base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}");
		String signed = token(issuerKey, "ADMIN");
		// the issuer's own claims, with the signature stripped and the algorithm set to
		// none
		String unsigned = header + "." + signed.split("\\.")[1] + ".";

		Response response = ApiClient.bearer(this.port, unsigned).graphql(UPDATE);

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.errorCode()).isEqualTo("UNAUTHORIZED");
	}

	@Test
	void aTokenSignedWithTheIssuersPublicKeyAsAnHmacSecretIs401Unauthorized() throws JOSEException {
		// the algorithm confusion attack: HS256 keyed with the public key everyone knows
		SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256),
				claims("ADMIN", Instant.now().plusSeconds(300)));
		jwt.sign(new MACSigner(Arrays.copyOf(issuerKey.getPublic().getEncoded(), 64)));

		Response response = ApiClient.bearer(this.port, jwt.serialize()).graphql(UPDATE);

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.errorCode()).isEqualTo("UNAUTHORIZED");
	}

	@Test
	void anExpiredTokenIs401Unauthorized() {
		// expired longer ago than the minute of clock skew a decoder allows
		Response response = ApiClient
			.bearer(this.port, sign(issuerKey, claims("ADMIN", Instant.now().minusSeconds(120))))
			.graphql("{ queues { name } }");

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.errorCode()).isEqualTo("UNAUTHORIZED");
	}

	@Test
	void aTokenWithAnUnknownRoleGetsNoRoleAndIs403Forbidden() {
		Response query = ApiClient.bearer(this.port, token(issuerKey, "SUPERUSER")).graphql("{ queues { name } }");
		Response mutation = ApiClient.bearer(this.port, token(issuerKey, "SUPERUSER")).graphql(UPDATE);

		assertThat(query.status()).isEqualTo(403);
		assertThat(query.errorCode()).isEqualTo("FORBIDDEN");
		assertThat(mutation.status()).isEqualTo(403);
		assertThat(mutation.errorCode()).isEqualTo("FORBIDDEN");
	}

	@Test
	void basicCredentialsStillWork() {
		assertThat(ApiClient.as(this.port, "admin", "admin-secret").graphql("{ queues { name } }").status())
			.isEqualTo(200);
	}

	private static String token(KeyPair key, String role) {
		return sign(key, claims(role, Instant.now().plusSeconds(300)));
	}

	private static JWTClaimsSet claims(String role, Instant expires) {
		return new JWTClaimsSet.Builder().subject("ops@example.test")
			.claim("batchyard_roles", java.util.List.of(role))
			.issueTime(Date.from(expires.minusSeconds(600)))
			.expirationTime(Date.from(expires))
			.build();
	}

	private static String sign(KeyPair key, JWTClaimsSet claims) {
		SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
		try {
			jwt.sign(new RSASSASigner((RSAPrivateKey) key.getPrivate()));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return jwt.serialize();
	}

	private static String base64Url(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

	private static Path publicKeyFile() {
		try {
			Path file = Files.createTempFile("issuer", ".pem");
			file.toFile().deleteOnExit();
			String pem = "-----BEGIN PUBLIC KEY-----\n"
					+ Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(issuerKey.getPublic().getEncoded())
					+ "\n-----END PUBLIC KEY-----\n";
			return Files.writeString(file, pem);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static KeyPair rsaKeyPair() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
