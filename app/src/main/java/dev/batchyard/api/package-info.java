/**
 * The GraphQL API of API.md: controllers that map the schema of the
 * {@code graphql-schema} module onto the features, and the one place where errors get
 * their codes.
 */
package dev.batchyard.api;
