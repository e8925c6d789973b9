package ficus.sandbox;


import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension: {@code @ExtendWith(SandboxExtension.class)} and a {@link Sandbox} parameter. One stack per test
 * JVM, started on first use and shared by every test class of the run; it is closed when the JUnit root context closes.
 * Each test brings its own topics, tables or databases.
 */
public final class SandboxExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SandboxExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Sandbox.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(Sandbox.class, key -> startSandbox(), Sandbox.class);
    }

    private static Sandbox startSandbox() {
        try {
            Path dir = Files.createTempDirectory("ficus-sandbox-it-");
            return Sandbox.start(SandboxConfig.defaults(dir).deletingWorkDirOnClose());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
