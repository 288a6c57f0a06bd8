/**
 * The GraphQL API of API.md: controllers that map the schema of the
 * {@code graphql-schema} module onto the features, and the one place where errors get
 * their codes. Also the guards every query passes before it runs ({@code QueryGuards}),
 * and the GraphiQL page at {@code /graphiql}, served with all its files from the jar
 * ({@code GraphiqlPage}). Errors have one shape everywhere, {@code extensions.code} and,
 * for a refused input, {@code extensions.argument} (README "GraphQL API"): mapped from
 * exceptions in {@code ApiExceptionHandler}, given to graphql-java's own errors in
 * {@code ErrorCodeInterceptor}, and written for requests that never reach GraphQL (a bad
 * body, method or content type: {@code GraphQlRequestCheck}; {@code /error}:
 * {@code ErrorPath}). Before a field runs, a NUL character in an argument is refused
 * ({@code NulBytes}) and an explicit null for an argument with a default becomes the
 * default ({@code ArgumentDefaults}).
 */
package dev.batchyard.api;
