package dev.batchyard.catalog.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.batchyard.catalog.InvalidJobTypeException;
import dev.batchyard.catalog.QueueCatalog;
import dev.batchyard.catalog.QueueDefinition;
import dev.batchyard.catalog.spi.JobType;
import dev.batchyard.catalog.spi.JobTypeDescriptor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Fails the boot when a {@link JobType} bean names a default queue that is not in the
 * catalog, or when two job types share a name. Runs once all singletons exist, so job
 * types may themselves depend on the catalog.
 *
 * @author Batchyard
 */
public final class JobTypesValidator implements SmartInitializingSingleton {

	private final ObjectProvider<QueueCatalog> catalog;

	private final ObjectProvider<JobType<?>> jobTypes;

	public JobTypesValidator(ObjectProvider<QueueCatalog> catalog, ObjectProvider<JobType<?>> jobTypes) {
		this.catalog = catalog;
		this.jobTypes = jobTypes;
	}

	@Override
	public void afterSingletonsInstantiated() {
		QueueCatalog queues = this.catalog.getObject();
		List<String> errors = new ArrayList<>();
		Map<String, JobType<?>> byName = new LinkedHashMap<>();
		this.jobTypes.orderedStream().forEach((jobType) -> {
			JobTypeDescriptor<?> descriptor = jobType.descriptor();
			JobType<?> other = byName.putIfAbsent(descriptor.name(), jobType);
			if (other != null) {
				errors.add("job type name '" + descriptor.name() + "' must be unique (was used by "
						+ other.getClass().getName() + " and " + jobType.getClass().getName() + ")");
			}
			for (String limiter : jobType.limiters()) {
				if (queues.findRateLimit(limiter).isEmpty()) {
					errors.add("job type '" + descriptor.name() + "' names the rate limiter '" + limiter
							+ "', which batchyard.catalog.rate-limits does not define");
				}
			}
			if (queues.find(descriptor.defaultQueue()).isEmpty()) {
				errors.add("job type '" + descriptor.name() + "' (" + jobType.getClass().getName()
						+ ") default queue must be a queue of the catalog, one of "
						+ String.join(", ", queues.queues().stream().map(QueueDefinition::name).toList()) + " (was '"
						+ descriptor.defaultQueue() + "')");
			}
		});
		if (!errors.isEmpty()) {
			throw new InvalidJobTypeException(errors);
		}
	}

}
