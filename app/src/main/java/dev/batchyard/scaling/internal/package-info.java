/**
 * The scaling service's parts: the policies ({@code PolicyDefaults}, {@code PolicyStore},
 * {@code PolicyRules}), the decision ({@code DecisionRules}, a pure function of a policy
 * and the queue's figures), the cluster-wide run ({@code ScalingService}, run by the
 * clustered Quartz job {@code ScalingJob} once per interval for the whole cluster), and
 * the node side ({@code PoolSizer}), which reads the cluster's target per queue and sets
 * this node's share of it.
 */
package dev.batchyard.scaling.internal;
