/**
 * Who may call Batchyard: users with the roles ADMIN and VIEWER, HTTP Basic for scripts
 * and GraphiQL, a login form with a session and CSRF protection for the dashboard's
 * browsers ({@code BrowserLogin}), and the JSON answers ({@code UNAUTHORIZED},
 * {@code FORBIDDEN}) a refused request gets.
 */
package dev.batchyard.security;
