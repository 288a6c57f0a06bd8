package dev.batchyard.catalog;

import dev.batchyard.catalog.probe.ProbeJobType;
import dev.batchyard.catalog.internal.JobTypesValidator;
import dev.batchyard.catalog.internal.PropertyOrigins;
import dev.batchyard.catalog.spi.JobType;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Provides the {@link QueueCatalog}: the built-in catalog with the
 * {@code batchyard.catalog.*} overrides, validated; and checks at startup that every
 * {@link JobType} bean names an existing default queue and a unique name.
 *
 * @author Batchyard
 */
@AutoConfiguration
@EnableConfigurationProperties(CatalogProperties.class)
public final class CatalogAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	QueueCatalog queueCatalog(CatalogProperties properties, Environment environment) {
		return QueueCatalog.from(properties, new PropertyOrigins(environment));
	}

	@Bean
	@ConditionalOnMissingBean
	ProbeJobType probeJobType() {
		return new ProbeJobType();
	}

	@Bean
	static JobTypesValidator batchyardJobTypesValidator(ObjectProvider<QueueCatalog> catalog,
			ObjectProvider<JobType<?>> jobTypes) {
		return new JobTypesValidator(catalog, jobTypes);
	}

}
