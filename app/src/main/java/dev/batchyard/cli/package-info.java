/**
 * The command-line tool {@code batchyard}: a small client of a running node's public
 * GraphQL API for operators and scripts. It lists and controls queues, jobs, schedules
 * and alerts, enqueues jobs, changes scaling policies and shows the dashboard's figures,
 * with every operation sent as one GraphQL document to {@code POST /graphql}, so that
 * anything it does a script can do with curl.
 * <p>
 * It lives in the app module rather than a module of its own: one artifact to ship, and
 * the app jar already carries the one library it uses. It never starts Spring and uses no
 * application class: only the JDK's {@code HttpClient} and Jackson's streaming parser and
 * tree nodes (no {@code ObjectMapper}, whose construction was the largest single cost of
 * a start). The launcher script {@code bin/batchyard} runs
 * {@link dev.batchyard.cli.BatchyardCli} from the app jar through Spring Boot's
 * {@code PropertiesLauncher} and keeps a class-data archive of what it loads; a module of
 * its own would save only the loader's share of a start.
 * <p>
 * The URL and credentials come from flags ({@code --url}, {@code --user},
 * {@code --password}, {@code --token}) or the environment ({@code BATCHYARD_URL},
 * {@code BATCHYARD_USER}, {@code BATCHYARD_PASSWORD}, {@code BATCHYARD_TOKEN}). Output is
 * a table, or with {@code --json} the {@code data} of the answer. Exit codes: 0 success,
 * 1 an API error (its {@code extensions.code} and message on stderr) or an unreachable
 * node, 2 a usage error.
 */
package dev.batchyard.cli;
