package dev.batchyard.catalog;

import java.time.Clock;

import javax.sql.DataSource;

import dev.batchyard.catalog.backup.DatabaseBackupJobType;
import dev.batchyard.catalog.backup.DatabaseBackupProperties;
import dev.batchyard.catalog.email.EmailJobProperties;
import dev.batchyard.catalog.email.SendEmailJobType;
import dev.batchyard.catalog.files.FileCleanupJobType;
import dev.batchyard.catalog.files.FileJobProperties;
import dev.batchyard.catalog.http.HttpJobProperties;
import dev.batchyard.catalog.http.HttpRequestJobType;
import dev.batchyard.catalog.http.WebhookDeliveryJobType;
import dev.batchyard.catalog.probe.ProbeJobType;
import dev.batchyard.catalog.report.ReportGenerationJobType;
import dev.batchyard.catalog.report.ReportJobProperties;
import dev.batchyard.catalog.internal.JobTypesValidator;
import dev.batchyard.catalog.internal.PropertyOrigins;
import dev.batchyard.catalog.spi.JobType;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Provides the {@link QueueCatalog}: the built-in catalog with the
 * {@code batchyard.catalog.*} overrides, validated; and checks at startup that every
 * {@link JobType} bean names an existing default queue and a unique name.
 *
 * @author Batchyard
 */
@AutoConfiguration
@EnableConfigurationProperties({ CatalogProperties.class, HttpJobProperties.class, EmailJobProperties.class,
		FileJobProperties.class, DatabaseBackupProperties.class, ReportJobProperties.class })
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

	// the built-in job types of the briefs: each can be replaced by a bean of its class

	@Bean
	@ConditionalOnMissingBean
	SendEmailJobType sendEmailJobType(ObjectProvider<JavaMailSender> mailSender, EmailJobProperties properties) {
		return new SendEmailJobType(mailSender, properties);
	}

	@Bean
	@ConditionalOnMissingBean
	HttpRequestJobType httpRequestJobType(HttpJobProperties properties) {
		return new HttpRequestJobType(properties, Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	WebhookDeliveryJobType webhookDeliveryJobType(HttpJobProperties properties) {
		return new WebhookDeliveryJobType(properties, Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	FileCleanupJobType fileCleanupJobType(FileJobProperties properties) {
		return new FileCleanupJobType(properties, Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	DatabaseBackupJobType databaseBackupJobType(DatabaseBackupProperties properties,
			ObjectProvider<DataSource> dataSource, Environment environment) {
		return new DatabaseBackupJobType(properties, dataSource, environment, Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	ReportGenerationJobType reportGenerationJobType(ReportJobProperties properties,
			ObjectProvider<DataSource> dataSource) {
		return new ReportGenerationJobType(properties, dataSource);
	}

	@Bean
	static JobTypesValidator batchyardJobTypesValidator(ObjectProvider<QueueCatalog> catalog,
			ObjectProvider<JobType<?>> jobTypes) {
		return new JobTypesValidator(catalog, jobTypes);
	}

}
