/**
 * What every feature of a node shares and none owns: {@link dev.batchyard.node.NodeLoop},
 * the one way a feature runs periodic work on this node (its rate limit and timeout
 * refreshes, the pool sizer, the memory samples, the pending runs of schedules). It
 * depends on no feature, so that any of them may use it without a cycle.
 */
package dev.batchyard.node;
