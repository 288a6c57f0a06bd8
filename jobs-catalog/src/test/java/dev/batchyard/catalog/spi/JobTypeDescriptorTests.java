package dev.batchyard.catalog.spi;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class JobTypeDescriptorTests {

	@Test
	void aKebabCaseNameIsAccepted() {
		assertThat(new JobTypeDescriptor<>("send-email", "email-retry", String.class).name()).isEqualTo("send-email");
	}

	@Test
	void aNameThatIsNotLowercaseKebabIsRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new JobTypeDescriptor<>("SendEmail", "default", String.class))
			.withMessageContaining("lowercase kebab-case")
			.withMessageContaining("'SendEmail'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new JobTypeDescriptor<>("send--email", "default", String.class));
	}

	@Test
	void aBlankDefaultQueueIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new JobTypeDescriptor<>("probe", " ", String.class))
			.withMessageContaining("probe");
	}

}
