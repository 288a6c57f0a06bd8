package dev.batchyard.security;

import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;

/**
 * Turns on {@code @PreAuthorize} so that GraphQL mutations can require the ADMIN role
 * while queries stay open to VIEWER (API.md "Rules").
 *
 * @author Batchyard
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class MethodSecurityConfiguration {

}
