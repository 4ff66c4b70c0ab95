package dev.ferry.source.opcua;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.runtime.config.ConfigLoader;
import dev.ferry.runtime.config.ConfiguredSource;
import dev.ferry.runtime.config.LoadedConfig;
import dev.ferry.runtime.plugin.PluginRegistry;
import java.io.File;
import java.lang.reflect.RecordComponent;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class OpcUaSourceProviderTest {

    @Test
    void isFoundByServiceLoaderAsTypeOpcua() throws Exception {
        PluginRegistry found = PluginRegistry.load(getClass().getClassLoader());
        assertThat(found.source("opcua")).isInstanceOf(OpcUaSourceProvider.class);
    }

    @Test
    void theExampleConfigLoadsWithTheRealRegistry() throws Exception {
        LoadedConfig config = ConfigLoader.load(Path.of("example.yaml"), Map.of("OPCUA_PASSWORD", "from-env"),
                PluginRegistry.load(getClass().getClassLoader()));
        assertThat(config.sources()).hasSize(1);
        ConfiguredSource source = config.sources().getFirst();
        assertThat(source.provider()).isInstanceOf(OpcUaSourceProvider.class);
        OpcUaConfig boiler = (OpcUaConfig) source.config();
        assertThat(new OpcUaSourceProvider().validate(boiler)).isEmpty();
        assertThat(boiler.password()).isEqualTo("from-env");
        assertThat(boiler.securityModeOrDefault()).isEqualTo(SecurityMode.SIGN_AND_ENCRYPT);
        assertThat(boiler.items()).extracting(ItemConfig::mode).contains(ItemMode.values());
        assertThat(boiler.items()).extracting(ItemConfig::deadband)
                .anySatisfy(d -> assertThat(d).isNotNull().extracting(DeadbandConfig::absolute).isNotNull())
                .anySatisfy(d -> assertThat(d).isNotNull().extracting(DeadbandConfig::percent).isNotNull());
    }

    @Test
    void theReadmeDocumentsEveryKey() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        assertThat(readme).contains("`type: opcua`");
        for (Class<? extends Record> type : List.of(OpcUaConfig.class, ItemConfig.class, DeadbandConfig.class)) {
            for (RecordComponent c : type.getRecordComponents()) {
                String key = c.getName().replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT);
                assertThat(readme).as("README documents %s.%s", type.getSimpleName(), key).contains("`" + key + "`");
            }
        }
    }

    /**
     * Loads the plugins and a config with an opcua source the way the agent does, in a class loader that records
     * every class asked of it: up to creating a source, nothing of the OPC UA stack may load.
     */
    @Test
    void noStackClassLoadsBeforeASourceIsCreated() throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            urls.add(Path.of(entry).toUri().toURL());
        }
        Set<String> requested = ConcurrentHashMap.newKeySet();
        try (URLClassLoader isolated = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                requested.add(name);
                return super.loadClass(name, resolve);
            }
        }) {
            Class<?> registryType = isolated.loadClass(PluginRegistry.class.getName());
            Object registry = registryType.getMethod("load", ClassLoader.class).invoke(null, isolated);
            Object loaded = isolated.loadClass(ConfigLoader.class.getName())
                    .getMethod("load", Path.class, Map.class, registryType)
                    .invoke(null, Path.of("example.yaml"), Map.of("OPCUA_PASSWORD", "x"), registry);
            assertThat(loaded).isNotNull();
        }
        assertThat(requested).contains(OpcUaSourceProvider.class.getName(), OpcUaConfig.class.getName());
        assertThat(requested).noneMatch(name -> name.startsWith("org.eclipse.milo") || name.startsWith("io.netty")
                || name.startsWith("org.bouncycastle"));
        assertThat(requested).doesNotContain("dev.ferry.source.opcua.internal.OpcUaSources");
    }
}
