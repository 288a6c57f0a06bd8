package com.example.ownjobs;

import dev.batchyard.engine.EnqueueRequest;
import dev.batchyard.engine.Jobs;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A team's own Spring Boot application with Batchyard's library jar on its classpath,
 * outside Batchyard's packages: it declares its own job type as a bean and enqueues one
 * job of it at startup through Batchyard's public {@link Jobs}. Started in a JVM of its
 * own by {@code OwnJobTypesAsALibraryIntegrationTests}.
 */
@SpringBootApplication
public class OwnJobsApplication {

	public static void main(String[] args) {
		SpringApplication.run(OwnJobsApplication.class, args);
	}

	@Bean
	GreetingJobType greetingJobType() {
		return new GreetingJobType();
	}

	@Bean
	ApplicationRunner greetAdaOnStart(Jobs jobs) {
		return (args) -> jobs.enqueue(EnqueueRequest.of(GreetingJobType.NAME, "{\"name\": \"Ada\"}"));
	}

}
