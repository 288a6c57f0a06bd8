package dev.batchyard.api;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

import graphql.ExecutionResult;
import graphql.analysis.QueryTraverser;
import graphql.analysis.QueryVisitorFieldEnvironment;
import graphql.analysis.QueryVisitorStub;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.Directive;
import graphql.language.Document;
import graphql.language.Node;
import graphql.language.NodeTraverser;
import graphql.language.NodeVisitorStub;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Refuses queries past the configured depth and complexity before any field runs, with
 * {@code INVALID_PARAMETERS} and a sentence that says the bound.
 * <p>
 * Introspection ({@code __schema} and {@code __type} with everything under them) is not
 * counted: the standard introspection query of GraphiQL and the code generators nests 13
 * or more levels. graphql-java guards introspection itself ("good faith introspection":
 * {@code __schema}, {@code __type}, {@code __Type.fields}, {@code inputFields},
 * {@code interfaces} and {@code possibleTypes} at most once each, at most 500 fields and
 * 20 levels); {@link ErrorCodeInterceptor} gives its refusals their code.
 *
 * @author Batchyard
 */
@Configuration(proxyBeanMethods = false)
class QueryGuards {

	@Bean
	QueryGuard queryGuard(ApiProperties properties) {
		return new QueryGuard(properties.maxQueryDepth(), properties.maxQueryComplexity());
	}

	/**
	 * Measures an operation's own fields (fragments expanded, introspection left out):
	 * the deepest nesting and the number of fields selected, each list counted once.
	 */
	static final class QueryGuard extends SimplePerformantInstrumentation {

		private static final Set<String> INTROSPECTION_ROOTS = Set.of("__schema", "__type");

		private static final Set<String> CONDITIONAL_DIRECTIVES = Set.of("skip", "include");

		private static final Map<String, Size> NOT_KEPT = Map.of();

		private final int maxDepth;

		private final int maxComplexity;

		QueryGuard(int maxDepth, int maxComplexity) {
			this.maxDepth = maxDepth;
			this.maxComplexity = maxComplexity;
		}

		/**
		 * The sizes of the documents seen, per operation name: clients repeat the same
		 * few documents (parsed once, see {@link ParsedDocuments}), so each is walked
		 * once. A document whose fields depend on variables ({@code @skip},
		 * {@code @include}) maps to {@link #NOT_KEPT} and is walked every time. Weak
		 * keys: a document the parse cache let go is let go here too.
		 */
		private final Map<Document, Map<String, Size>> sizes = Collections.synchronizedMap(new WeakHashMap<>());

		@Override
		public InstrumentationContext<ExecutionResult> beginExecuteOperation(
				InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
			Size size = sizeOf(parameters.getExecutionContext());
			if (size.depth > this.maxDepth) {
				throw new QueryRefusedException(
						"The query nests " + size.depth + " levels deep; at most " + this.maxDepth + " are allowed");
			}
			if (size.fields > this.maxComplexity) {
				throw new QueryRefusedException(
						"The query selects " + size.fields + " fields; at most " + this.maxComplexity + " are allowed");
			}
			return super.beginExecuteOperation(parameters, state);
		}

		private Size sizeOf(ExecutionContext context) {
			Document document = context.getDocument();
			Map<String, Size> known = this.sizes.computeIfAbsent(document,
					(parsed) -> dependsOnVariables(parsed) ? NOT_KEPT : new ConcurrentHashMap<>());
			if (known == NOT_KEPT) {
				return measure(context);
			}
			String operation = Objects.requireNonNullElse(context.getExecutionInput().getOperationName(), "");
			return known.computeIfAbsent(operation, (name) -> measure(context));
		}

		private static boolean dependsOnVariables(Document document) {
			boolean[] conditional = new boolean[1];
			new NodeTraverser().depthFirst(new NodeVisitorStub() {

				@Override
				public TraversalControl visitDirective(Directive node, TraverserContext<Node> context) {
					if (CONDITIONAL_DIRECTIVES.contains(node.getName())) {
						conditional[0] = true;
						return TraversalControl.QUIT;
					}
					return TraversalControl.CONTINUE;
				}

			}, document);
			return conditional[0];
		}

		private static Size measure(ExecutionContext context) {
			Size size = new Size();
			QueryTraverser.newQueryTraverser()
				.schema(context.getGraphQLSchema())
				.document(context.getDocument())
				.operationName(context.getExecutionInput().getOperationName())
				.coercedVariables(context.getCoercedVariables())
				.build()
				.visitPreOrder(new QueryVisitorStub() {

					@Override
					public TraversalControl visitFieldWithControl(QueryVisitorFieldEnvironment environment) {
						if (INTROSPECTION_ROOTS.contains(environment.getField().getName())) {
							// neither the field nor anything under it
							return TraversalControl.ABORT;
						}
						size.add(depth(environment));
						return TraversalControl.CONTINUE;
					}

				});
			return size;
		}

		private static int depth(QueryVisitorFieldEnvironment environment) {
			int depth = 0;
			for (QueryVisitorFieldEnvironment field = environment; field != null; field = field
				.getParentEnvironment()) {
				depth++;
			}
			return depth;
		}

	}

	/** What a traversal found: built on one thread, then only read. */
	private static final class Size {

		private int depth;

		private int fields;

		void add(int fieldDepth) {
			this.fields++;
			this.depth = Math.max(this.depth, fieldDepth);
		}

	}

	/**
	 * A query refused before it ran.
	 */
	static final class QueryRefusedException extends AbortExecutionException {

		private static final long serialVersionUID = 1L;

		QueryRefusedException(String message) {
			super(message);
		}

		@Override
		public Map<String, Object> getExtensions() {
			return Map.of("code", "INVALID_PARAMETERS");
		}

	}

}
