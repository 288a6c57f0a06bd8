package dev.batchyard.security;

import java.security.SecureRandom;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class UsersTests {

	private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();

	@Test
	void withoutAConfiguredPasswordTheAdminGetsADifferentGeneratedOneAtEachStart() {
		SecurityProperties properties = new SecurityProperties(null, null, null);

		Users first = Users.from(properties, this.encoder, new SecureRandom());
		Users second = Users.from(properties, this.encoder, new SecureRandom());

		assertThat(first.generatedAdminPassword()).hasSizeGreaterThanOrEqualTo(20);
		assertThat(first.generatedAdminPassword()).isNotEqualTo(second.generatedAdminPassword());
		assertThat(this.encoder.matches(first.generatedAdminPassword(), admin(first).getPassword())).isTrue();
	}

	@Test
	void aConfiguredAdminPasswordIsUsedAndStoredHashed() {
		Users users = Users.from(new SecurityProperties(new SecurityProperties.BuiltInUser("s3cret"), null, null),
				this.encoder, new SecureRandom());

		assertThat(users.generatedAdminPassword()).isNull();
		assertThat(admin(users).getPassword()).doesNotContain("s3cret");
		assertThat(this.encoder.matches("s3cret", admin(users).getPassword())).isTrue();
		assertThat(admin(users).getAuthorities()).extracting(Object::toString).containsExactly("ROLE_ADMIN");
	}

	@Test
	void theViewerExistsOnlyWhenItHasAPassword() {
		Users without = Users.from(new SecurityProperties(null, null, null), this.encoder, new SecureRandom());
		Users with = Users.from(new SecurityProperties(null, new SecurityProperties.BuiltInUser("look"), null),
				this.encoder, new SecureRandom());

		assertThat(without.details()).extracting(UserDetails::getUsername).containsExactly("admin");
		assertThat(with.details()).extracting(UserDetails::getUsername).containsExactly("admin", "viewer");
		assertThat(with.details().get(1).getAuthorities()).extracting(Object::toString).containsExactly("ROLE_VIEWER");
	}

	@Test
	void configuredUsersMayGiveAnAlreadyEncodedPassword() {
		String hash = this.encoder.encode("ops-pass");
		Users users = Users.from(
				new SecurityProperties(null, null, List.of(new SecurityProperties.User("ops", hash, Role.VIEWER))),
				this.encoder, new SecureRandom());

		UserDetails ops = users.details().get(1);
		assertThat(ops.getPassword()).isEqualTo(hash);
		assertThat(this.encoder.matches("ops-pass", ops.getPassword())).isTrue();
	}

	@Test
	void aUserDefinedTwiceStopsTheBootNamingTheUser() {
		SecurityProperties properties = new SecurityProperties(null, null,
				List.of(new SecurityProperties.User("admin", "x", Role.VIEWER)));

		assertThatIllegalStateException().isThrownBy(() -> Users.from(properties, this.encoder, new SecureRandom()))
			.withMessageContaining("'admin' is defined twice");
	}

	@Test
	void aConfiguredUserWithoutRoleStopsTheBoot() {
		SecurityProperties properties = new SecurityProperties(null, null,
				List.of(new SecurityProperties.User("ops", "x", null)));

		assertThatIllegalStateException().isThrownBy(() -> Users.from(properties, this.encoder, new SecureRandom()))
			.withMessageContaining("needs a role");
	}

	@Test
	void theLoginLineSaysWhereTheUiIsAndHowToLogIn() {
		Users generated = Users.from(new SecurityProperties(null, null, null), this.encoder, new SecureRandom());
		Users configured = Users.from(new SecurityProperties(new SecurityProperties.BuiltInUser("pw"), null, null),
				this.encoder, new SecureRandom());

		assertThat(new LoginAnnouncer(generated).message(8080)).contains("http://localhost:8080/graphiql")
			.contains(generated.generatedAdminPassword());
		assertThat(new LoginAnnouncer(configured).message(9090)).contains("http://localhost:9090/graphiql")
			.contains("BATCHYARD_ADMIN_PASSWORD")
			.doesNotContain("pw ");
	}

	private static UserDetails admin(Users users) {
		return users.details().get(0);
	}

}
