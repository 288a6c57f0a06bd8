package dev.batchyard.cli.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A command line split into words, options with a value ({@code --queue default} or
 * {@code --queue=default}) and flags ({@code --json}). Which options take a value is
 * known up front (every command's together), so that options may come anywhere on the
 * line; whether the command accepts them is checked once the command is known.
 *
 * @param words the words that are not options, in order
 * @param options the options with their values
 * @param flags the flags given
 */
record Arguments(List<String> words, Map<String, String> options, Set<String> flags) {

	static Arguments parse(String[] args, Set<String> valueOptions) {
		List<String> words = new ArrayList<>();
		Map<String, String> options = new LinkedHashMap<>();
		Set<String> flags = new LinkedHashSet<>();
		boolean onlyWords = false;
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			if (onlyWords || !arg.startsWith("-") || arg.equals("-")) {
				words.add(arg);
			}
			else if (arg.equals("--")) {
				onlyWords = true;
			}
			else if (arg.equals("-h")) {
				flags.add("help");
			}
			else if (!arg.startsWith("--")) {
				throw new UsageException("Unknown option " + arg);
			}
			else {
				int equals = arg.indexOf('=');
				String name = arg.substring(2, (equals < 0) ? arg.length() : equals);
				if (equals >= 0) {
					options.put(name, arg.substring(equals + 1));
				}
				else if (valueOptions.contains(name)) {
					if (i + 1 >= args.length) {
						throw new UsageException("--" + name + " needs a value");
					}
					options.put(name, args[++i]);
				}
				else {
					flags.add(name);
				}
			}
		}
		return new Arguments(List.copyOf(words), Map.copyOf(options), Set.copyOf(flags));
	}

}
