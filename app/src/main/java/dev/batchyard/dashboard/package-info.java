/**
 * The built-in web dashboard at {@code /dashboard} and its login page at {@code /login}.
 * The server only renders two small HTML shells (the page's CSRF token, the user and
 * role, a nonce) in {@code DashboardPages}; everything else is static ES modules under
 * {@code static/dashboard/assets/} in the jar, which read and change everything through
 * the public GraphQL API ({@code POST /graphql}, subscriptions over the WebSocket at
 * {@code /graphql}) with the browser's session. There are no endpoints of its own, and no
 * front-end build: the files are served as they are written. Charts are small inline SVGs
 * drawn by the page. The login, the session and CSRF are the security package's.
 */
package dev.batchyard.dashboard;
