/**
 * The command-line tool {@code batchyard}: a small client of a running node's public
 * GraphQL API for operators and scripts. It lists and controls queues, jobs, schedules
 * and alerts, enqueues jobs, changes scaling policies and shows the dashboard's figures,
 * with every operation sent as one GraphQL document to {@code POST /graphql}, so that
 * anything it does a script can do with curl.
 * <p>
 * It lives in the app module, but it never starts Spring and uses no application class:
 * only the JDK's {@code HttpClient} and Jackson's tree model, which the app jar carries
 * anyway. That keeps it one artifact to ship (the launcher script {@code bin/batchyard}
 * runs {@link dev.batchyard.cli.BatchyardCli} from the app jar through Spring Boot's
 * {@code PropertiesLauncher}, which only opens the nested jars a class is loaded from)
 * and it starts in well under a second. A module of its own would start no faster: the
 * JVM, Jackson and the HTTP client are what a start costs.
 * <p>
 * The URL and credentials come from flags ({@code --url}, {@code --user},
 * {@code --password}, {@code --token}) or the environment ({@code BATCHYARD_URL},
 * {@code BATCHYARD_USER}, {@code BATCHYARD_PASSWORD}, {@code BATCHYARD_TOKEN}). Output is
 * a table, or with {@code --json} the {@code data} of the answer. Exit codes: 0 success,
 * 1 an API error (its {@code extensions.code} and message on stderr) or an unreachable
 * node, 2 a usage error.
 */
package dev.batchyard.cli;
