package dev.batchyard.api;

import dev.batchyard.engine.JobSearch;
import dev.batchyard.engine.JobState;

/**
 * The GraphQL {@code JobFilter} input.
 *
 * @param queueName only this queue
 * @param state only this state
 * @param type only this job type
 * @param search only jobs whose payload or last error contains this text
 * @author Batchyard
 */
record JobFilterInput(String queueName, JobState state, String type, String search) {

	JobSearch.Filter toFilter() {
		return new JobSearch.Filter(this.queueName, this.state, this.type, this.search);
	}

}
