package dev.batchyard.security;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;

/**
 * Says once, when the node is ready, where the UI is and how to log in. A generated admin
 * password is printed here and nowhere else.
 *
 * @author Batchyard
 */
class LoginAnnouncer implements ApplicationListener<ApplicationReadyEvent> {

	private static final Log logger = LogFactory.getLog(LoginAnnouncer.class);

	private final Users users;

	LoginAnnouncer(Users users) {
		this.users = users;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		if (!(event.getApplicationContext() instanceof WebServerApplicationContext web) || web.getWebServer() == null) {
			return;
		}
		logger.info(message(web.getWebServer().getPort()));
	}

	String message(int port) {
		String ui = "Batchyard is ready: GraphiQL at http://localhost:" + port + "/graphiql";
		String generated = this.users.generatedAdminPassword();
		if (generated != null) {
			return ui + " - log in as 'admin' with the generated password " + generated
					+ " (printed this once: it stays the password of this database; set BATCHYARD_ADMIN_PASSWORD"
					+ " to choose one)";
		}
		if (this.users.adminPasswordGenerated()) {
			return ui + " - log in as 'admin' with the password generated and printed at this database's first"
					+ " start (set BATCHYARD_ADMIN_PASSWORD to choose another)";
		}
		return ui + " - log in as 'admin' with the password from BATCHYARD_ADMIN_PASSWORD";
	}

}
