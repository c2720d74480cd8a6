package io.frontdesk.support;

import java.util.Optional;
import java.util.function.IntFunction;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test class one {@link Redis} server, as a parameter of its lifecycle or test methods:
 * a Testcontainers container when a Docker engine answers, otherwise the {@code redis-server} on
 * the PATH. Without either, the class is skipped and the report says what to install. The server
 * is stopped when the class is done.
 */
public final class RedisExtension implements ExecutionCondition, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Redis.class);

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (Source.FOUND.isPresent()) {
            return ConditionEvaluationResult.enabled("a Redis server can be started");
        }
        return ConditionEvaluationResult.disabled("no Docker engine answered and redis-server is not on the PATH;"
                + " install redis-server (Debian: apt-get install redis-server) to run "
                + context.getRequiredTestClass().getSimpleName());
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Redis.class;
    }

    @Override
    public Redis resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return classContext(context).getStore(NAMESPACE)
                .computeIfAbsent(Redis.class, key -> Redis.start(Source.FOUND.orElseThrow()), Redis.class);
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext current = context;
        while (current.getTestMethod().isPresent()) {
            current = current.getParent().orElseThrow();
        }
        return current;
    }

    /** Where servers come from, decided once for the run. */
    private static final class Source {

        static final Optional<IntFunction<RedisServer>> FOUND = find();

        private static Optional<IntFunction<RedisServer>> find() {
            if (RedisContainer.dockerAnswers()) {
                return Optional.of(RedisContainer::new);
            }
            if (RedisProcess.onPath()) {
                return Optional.of(RedisProcess::new);
            }
            return Optional.empty();
        }
    }
}
