package dev.batchyard.catalog.files;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class FileJobPropertiesTests {

	@Test
	void leftUnsetOnlyTheSystemTempDirectoryIsAllowed() {
		assertThat(new FileJobProperties(null).allowedDirectories())
			.containsExactly(System.getProperty("java.io.tmpdir"));
	}

	@Test
	void anEmptyListAllowsNoDirectory() {
		assertThat(new FileJobProperties(List.of()).allowedDirectories()).isEmpty();
	}

	@Test
	void aRelativeDirectoryIsRefusedAtStartNamingTheSetting() {
		assertThatIllegalArgumentException().isThrownBy(() -> new FileJobProperties(List.of("uploads")))
			.withMessageContaining("batchyard.job-types.files.allowed-directories");
	}

}
