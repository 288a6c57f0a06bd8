package dev.batchyard;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.FilterType;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Batchyard as a library: a Spring Boot application that has the plain jar
 * ({@code app-<version>-lib.jar}) on its classpath gets the whole of Batchyard (engine,
 * schedules, limits, monitoring, API, dashboard) beside its own beans, and runs its own
 * {@link dev.batchyard.catalog.spi.JobType} beans through the engine. It does what
 * {@link BatchyardApplication} does for the executable jar: scans Batchyard's packages
 * and their configuration properties. When {@link BatchyardApplication} itself runs, it
 * stands aside: that application scans the same packages already.
 *
 * @author Batchyard
 */
@AutoConfiguration
@Conditional(BatchyardAutoConfiguration.AsLibrary.class)
@ComponentScan(basePackages = "dev.batchyard",
		excludeFilters = { @Filter(type = FilterType.ASSIGNABLE_TYPE, classes = BatchyardApplication.class),
				@Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class),
				@Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class) })
@ConfigurationPropertiesScan("dev.batchyard")
public class BatchyardAutoConfiguration {

	/**
	 * Whether the application is someone else's. A plain condition, not
	 * {@code @ConditionalOnMissingBean}: bean conditions are not evaluated before a
	 * component scan, so the scan would run either way.
	 */
	static final class AsLibrary implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			var beans = context.getRegistry();
			for (String name : beans.getBeanDefinitionNames()) {
				if (BatchyardApplication.class.getName().equals(beans.getBeanDefinition(name).getBeanClassName())) {
					return false;
				}
			}
			return true;
		}

	}

}
