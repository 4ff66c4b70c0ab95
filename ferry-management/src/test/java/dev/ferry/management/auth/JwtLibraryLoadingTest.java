package dev.ferry.management.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JWT library costs loaded classes (memory on the gateway), so none of it may load unless {@code jwt:} is
 * configured. The authenticator runs in a class loader of its own that sees every class the library asks for.
 */
class JwtLibraryLoadingTest {

    @TempDir
    Path dir;

    @Test
    void staticTokensAloneLoadNoClassOfTheJwtLibrary() throws Exception {
        RecordingLoader loader = new RecordingLoader(getClass().getClassLoader());

        String outcome = probe(loader).apply(dir, false);

        assertThat(outcome).contains("allowed=true").contains("unknown_token=1");
        assertThat(loader.jwtLibraryClasses).isEmpty();
    }

    @Test
    void aConfiguredJwtLoadsTheLibrary() throws Exception {
        TestKeys.writePublicKey(dir, "ec.pem", TestKeys.ecP256());
        RecordingLoader loader = new RecordingLoader(getClass().getClassLoader());

        String outcome = probe(loader).apply(dir, true);

        assertThat(outcome).contains("allowed=true").contains("malformed_token=1");
        assertThat(loader.jwtLibraryClasses).contains("com.nimbusds.jwt.JWTParser");
    }

    @SuppressWarnings("unchecked")
    private static BiFunction<Path, Boolean, String> probe(ClassLoader loader) throws ReflectiveOperationException {
        return (BiFunction<Path, Boolean, String>) loader.loadClass(AuthProbe.class.getName())
                .getDeclaredConstructor().newInstance();
    }

    /** Defines this package's classes and the library's itself, from the parent's class files, and records the library's. */
    private static final class RecordingLoader extends ClassLoader {

        private static final String LIBRARY = "com.nimbusds.";
        private static final String OURS = Authenticator.class.getPackageName() + ".";

        final Set<String> jwtLibraryClasses = ConcurrentHashMap.newKeySet();

        RecordingLoader(ClassLoader parent) {
            super("auth-under-test", parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith(OURS) && !name.startsWith(LIBRARY)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                if (name.startsWith(LIBRARY)) {
                    jwtLibraryClasses.add(name);
                }
                Class<?> loaded = findLoadedClass(name);
                return loaded != null ? loaded : defineFromParent(name);
            }
        }

        private Class<?> defineFromParent(String name) throws ClassNotFoundException {
            try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                if (in == null) {
                    throw new ClassNotFoundException(name);
                }
                byte[] bytes = in.readAllBytes();
                return defineClass(name, bytes, 0, bytes.length);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
