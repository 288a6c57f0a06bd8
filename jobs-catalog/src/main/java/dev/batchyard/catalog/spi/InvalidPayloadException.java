package dev.batchyard.catalog.spi;

import java.util.Objects;

/**
 * A payload field that does not fit, thrown from a payload's constructor (Jackson calls
 * it when the job is enqueued) or from {@link JobType#check}. The engine refuses the job
 * with {@code INVALID_PARAMETERS} naming {@code payload.<field>} and enqueues nothing.
 *
 * @author Batchyard
 */
public class InvalidPayloadException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	private final String field;

	/**
	 * A field that does not fit.
	 * @param field the field's name as the payload spells it ({@code directory}); a
	 * nested record names its own field ({@code path}) and the engine puts the path to it
	 * in front ({@code payload.attachments[0].path})
	 * @param message what is wrong, in a sentence that names the field
	 */
	public InvalidPayloadException(String field, String message) {
		super(message);
		this.field = Objects.requireNonNull(field, "field");
	}

	/** The field at fault, as the payload spells it. */
	public String field() {
		return this.field;
	}

}
