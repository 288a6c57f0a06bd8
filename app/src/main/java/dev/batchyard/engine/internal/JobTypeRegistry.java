package dev.batchyard.engine.internal;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.batchyard.catalog.spi.JobType;
import dev.batchyard.engine.InvalidJobRequestException;

import org.springframework.beans.factory.ObjectProvider;

/**
 * The job types of this application, by name (the catalog checks at startup that names
 * are unique and default queues exist).
 *
 * @author Batchyard
 */
class JobTypeRegistry {

	private final Map<String, JobType<?>> types;

	JobTypeRegistry(ObjectProvider<JobType<?>> jobTypes) {
		this.types = jobTypes.orderedStream()
			.collect(Collectors.toMap((type) -> type.descriptor().name(), Function.identity(), (a, b) -> a,
					TreeMap::new));
	}

	JobType<?> get(String name) {
		JobType<?> type = this.types.get(name);
		if (type == null) {
			throw new InvalidJobRequestException("type",
					"Unknown job type '" + name + "'; the known types are " + String.join(", ", this.types.keySet()));
		}
		return type;
	}

	boolean has(String name) {
		return this.types.containsKey(name);
	}

}
