/**
 * The GraphQL API of API.md: controllers that map the schema of the
 * {@code graphql-schema} module onto the features, and the one place where errors get
 * their codes. Also the guards every query passes before it runs ({@code QueryGuards}),
 * and the GraphiQL page at {@code /graphiql}, served with all its files from the jar
 * ({@code GraphiqlPage}).
 */
package dev.batchyard.api;
