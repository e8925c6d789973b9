package ficus.contracttypes;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.ToolProvider;

/** Generated types compiled with the JDK's compiler and loaded, so that tests can run the generated reader. */
final class Compiled {

    private final URLClassLoader loader;
    private final GeneratedTypes types;

    private Compiled(URLClassLoader loader, GeneratedTypes types) {
        this.loader = loader;
        this.types = types;
    }

    static Compiled compile(GeneratedTypes types, Path dir) throws IOException, URISyntaxException {
        Path sources = dir.resolve("src");
        Path classes = Files.createDirectories(dir.resolve("classes"));
        List<Path> files = types.write(sources);
        String jackson = Path.of(JsonNode.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        String jacksonCore = Path.of(com.fasterxml.jackson.core.JsonParser.class.getProtectionDomain().getCodeSource()
                .getLocation().toURI()).toString();
        StringWriter out = new StringWriter();
        var compiler = ToolProvider.getSystemJavaCompiler();
        var args = new java.util.ArrayList<>(List.of("-d", classes.toString(), "-Xlint:all", "-Werror",
                "-classpath", jackson + java.io.File.pathSeparator + jacksonCore));
        files.forEach(f -> args.add(f.toString()));
        int exit = compiler.run(null, null, null, args.toArray(String[]::new));
        if (exit != 0) {
            throw new AssertionError("the generated types do not compile (see the compiler's output above)" + out);
        }
        return new Compiled(new URLClassLoader(new URL[] {classes.toUri().toURL()}, Compiled.class.getClassLoader()),
                types);
    }

    /** {@code <Reader>.read(ceType, value)}; the reader's own exception comes out as itself. */
    Object read(String ceType, JsonNode value) throws Exception {
        Class<?> reader = loader.loadClass(types.packageName() + "." + types.readerName());
        try {
            return reader.getMethod("read", String.class, JsonNode.class).invoke(null, ceType, value);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw (Exception) e.getCause();
        }
    }

    String ceTypeOf(Object event) throws Exception {
        Class<?> reader = loader.loadClass(types.packageName() + "." + types.readerName());
        Class<?> iface = loader.loadClass(types.packageName() + "." + types.interfaceName());
        return (String) reader.getMethod("ceType", iface).invoke(null, event);
    }

    Class<?> type(String nested) throws ClassNotFoundException {
        return loader.loadClass(types.packageName() + "." + types.interfaceName() + "$" + nested);
    }

    /** {@code get(event, "state", "total")}: the record components along the path. */
    static Object get(Object record, String... path) throws Exception {
        Object current = record;
        for (String component : path) {
            current = current.getClass().getMethod(component).invoke(current);
        }
        return current;
    }
}
