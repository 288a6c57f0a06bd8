package dev.batchyard.engine;

import dev.batchyard.catalog.probe.ProbeJobType;

/**
 * Test data: enqueue requests for the built-in probe job type.
 */
final class Probes {

	private Probes() {
	}

	static EnqueueRequest aProbe() {
		return EnqueueRequest.of(ProbeJobType.NAME, "{}");
	}

	static EnqueueRequest aProbe(String payload) {
		return EnqueueRequest.of(ProbeJobType.NAME, payload);
	}

	static EnqueueRequest aProbeSleeping(long sleepMs) {
		return aProbe("{\"sleepMs\": " + sleepMs + "}");
	}

	static EnqueueRequest aProbeFailing(int failAttempts) {
		return aProbe("{\"failAttempts\": " + failAttempts + "}");
	}

}
