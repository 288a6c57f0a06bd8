package dev.batchyard.cli.internal;

import tools.jackson.databind.JsonNode;

/**
 * What a command answered: the API's {@code data} (printed with {@code --json}) and the
 * text a person reads.
 *
 * @param data the answer's data
 * @param text the table or sentence
 */
record Output(JsonNode data, String text) {

}
