package dev.batchyard;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package rules of STYLE.md, checked rather than hoped for.
 */
class ArchitectureTests {

	private static final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.batchyard");

	@Test
	void featuresDoNotDependOnEachOtherInACycle() {
		slices().matching("dev.batchyard.(*)..").should().beFreeOfCycles().check(classes);
	}

	@Test
	void aFeaturesInternalsAreNotReachedFromAnotherFeature() {
		for (String feature : new String[] { "engine", "schedule", "limits", "memory", "scaling", "monitoring", "api",
				"security", "dashboard", "store", "catalog", "retention" }) {
			noClasses().that()
				.resideOutsideOfPackage("dev.batchyard." + feature + "..")
				.should()
				.dependOnClassesThat()
				.resideInAPackage("dev.batchyard." + feature + ".internal..")
				.allowEmptyShould(true)
				.check(classes);
		}
	}

	@Test
	void theCatalogKnowsNothingOfTheApplication() {
		noClasses().that()
			.resideInAPackage("dev.batchyard.catalog..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.batchyard.engine..", "dev.batchyard.schedule..", "dev.batchyard.limits..",
					"dev.batchyard.memory..", "dev.batchyard.scaling..", "dev.batchyard.monitoring..",
					"dev.batchyard.api..", "dev.batchyard.security..", "dev.batchyard.dashboard..",
					"dev.batchyard.store..")
			.check(classes);
	}

	@Test
	void onlyTheApiLayerMapsGraphQl() {
		noClasses().that()
			.resideOutsideOfPackage("dev.batchyard.api..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("org.springframework.graphql..")
			.check(classes);
	}

}
