package dev.batchyard.catalog;

import java.util.List;

/**
 * Thrown at startup when the {@link dev.batchyard.catalog.spi.JobType job types} do not
 * fit the catalog: a default queue that does not exist, or a name used twice.
 *
 * @author Batchyard
 */
public class InvalidJobTypeException extends InvalidCatalogException {

	public InvalidJobTypeException(List<String> errors) {
		super("The Batchyard job types do not fit the queue catalog", errors);
	}

}
