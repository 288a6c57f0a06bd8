package dev.batchyard;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Batchyard: a background-job scheduler for Spring shops.
 *
 * @author Batchyard
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class BatchyardApplication {

	public static void main(String[] args) {
		SpringApplication.run(BatchyardApplication.class, args);
	}

}
