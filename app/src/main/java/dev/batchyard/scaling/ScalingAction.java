package dev.batchyard.scaling;

/**
 * What a scaling decision does to a queue's workers.
 *
 * @author Batchyard
 */
public enum ScalingAction {

	/** More workers. */
	SCALE_UP,

	/** Fewer workers. */
	SCALE_DOWN,

	/** The same workers. */
	MAINTAIN

}
