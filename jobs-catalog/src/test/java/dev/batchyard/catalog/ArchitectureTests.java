package dev.batchyard.catalog;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

class ArchitectureTests {

	private final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.batchyard");

	@Test
	void theCatalogDependsOnNoOtherBatchyardPackage() {
		noClasses().that()
			.resideInAPackage("dev.batchyard.catalog..")
			.should()
			.dependOnClassesThat(
					resideInAPackage("dev.batchyard..").and(not(resideInAPackage("dev.batchyard.catalog.."))))
			.check(this.classes);
	}

	@Test
	void theSpiDoesNotDependOnTheInternals() {
		noClasses().that()
			.resideInAPackage("dev.batchyard.catalog.spi..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("dev.batchyard.catalog.internal..")
			.check(this.classes);
	}

	@Test
	void theSpiDependsOnlyOnTheJdkAndSpringBatch() {
		noClasses().that()
			.resideInAPackage("dev.batchyard.catalog.spi..")
			.should()
			.dependOnClassesThat()
			.resideOutsideOfPackages("java..", "dev.batchyard.catalog.spi..", "org.springframework.batch.core..",
					"org.springframework.transaction..", "org.springframework.batch.infrastructure.item..")
			.check(this.classes);
	}

	@Test
	void theCatalogSubpackagesHaveNoCycles() {
		slices().matching("dev.batchyard.catalog.(*)..").should().beFreeOfCycles().check(this.classes);
	}

}
