package dev.batchyard.api;

import dev.batchyard.engine.Job;

/**
 * A page of jobs as the GraphQL {@code JobConnection} type shows it (Relay).
 *
 * @param edges the jobs with their cursors, newest first
 * @param pageInfo where the page is
 * @param totalCount how many jobs match in all
 * @author Batchyard
 */
record JobConnection(java.util.List<JobEdge> edges, PageInfo pageInfo, int totalCount) {

	/**
	 * A job and its cursor.
	 *
	 * @param node the job
	 * @param cursor where it is
	 */
	record JobEdge(Job node, String cursor) {

	}

	/**
	 * Relay page information.
	 *
	 * @param hasNextPage whether more jobs follow
	 * @param hasPreviousPage always false: pages go forward
	 * @param startCursor the first job's cursor
	 * @param endCursor the last job's cursor
	 */
	record PageInfo(boolean hasNextPage, boolean hasPreviousPage, String startCursor, String endCursor) {

	}

}
