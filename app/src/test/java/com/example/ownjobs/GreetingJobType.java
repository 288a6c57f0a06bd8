package com.example.ownjobs;

import java.util.Map;

import dev.batchyard.catalog.spi.Bookkeeping;
import dev.batchyard.catalog.spi.JobContext;
import dev.batchyard.catalog.spi.JobType;
import dev.batchyard.catalog.spi.JobTypeDescriptor;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import static dev.batchyard.catalog.spi.PayloadChecks.requireText;

/**
 * A team's own job type, written against Batchyard's SPI only: greets someone.
 */
public class GreetingJobType implements JobType<GreetingJobType.Greeting> {

	static final String NAME = "greeting";

	private static final JobTypeDescriptor<Greeting> DESCRIPTOR = new JobTypeDescriptor<>(NAME, "default",
			Greeting.class);

	@Override
	public JobTypeDescriptor<Greeting> descriptor() {
		return DESCRIPTOR;
	}

	@Override
	public Bookkeeping bookkeeping(Greeting payload) {
		return Bookkeeping.LIGHT;
	}

	@Override
	public Job job(Greeting payload, JobContext context) {
		return context.job(NAME, context.step("greet").tasklet((contribution, chunk) -> {
			context.result(Map.of("greeting", "Hello, " + payload.name() + "!"));
			return RepeatStatus.FINISHED;
		}, context.transactionManager()).build());
	}

	/**
	 * Whom to greet.
	 *
	 * @param name the name (required)
	 */
	public record Greeting(String name) {

		public Greeting {
			requireText("name", name, "whom to greet");
		}

	}

}
