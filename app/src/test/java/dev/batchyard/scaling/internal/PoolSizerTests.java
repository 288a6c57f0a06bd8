package dev.batchyard.scaling.internal;

import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PoolSizerTests {

	@Test
	void aTargetIsSplitOverTheNodesTheFirstOnesTakingTheRemainder() {
		assertThat(IntStream.range(0, 3).map((node) -> PoolSizer.share(9, 3, node))).containsExactly(3, 3, 3);
		assertThat(IntStream.range(0, 3).map((node) -> PoolSizer.share(10, 3, node))).containsExactly(4, 3, 3);
		assertThat(IntStream.range(0, 2).map((node) -> PoolSizer.share(8, 2, node))).containsExactly(4, 4);
	}

	@Test
	void everyNodeServingAQueueKeepsAtLeastOneWorker() {
		assertThat(IntStream.range(0, 3).map((node) -> PoolSizer.share(1, 3, node))).containsExactly(1, 1, 1);
	}

}
