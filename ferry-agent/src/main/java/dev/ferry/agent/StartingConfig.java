package dev.ferry.agent;

import dev.ferry.agent.RemoteConfigState.ConfigText;
import dev.ferry.api.Nullable;
import dev.ferry.management.control.DesiredDocuments;
import dev.ferry.runtime.config.CheckDepth;
import dev.ferry.runtime.config.ConfigError;
import dev.ferry.runtime.config.ConfigException;
import dev.ferry.runtime.config.ConfigLoader;
import dev.ferry.runtime.config.ControlSettings;
import dev.ferry.runtime.config.LoadedConfig;
import dev.ferry.runtime.plugin.PluginRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * The config the agent starts on: the file's, or, when the file has a {@code control:} section and the platform
 * sent a config before the restart, that one, as long as it still passes the check.
 *
 * @param remote what applies the platform's configs; null without a {@code control:} section
 */
record StartingConfig(LoadedConfig loaded, ConfigText text, @Nullable RemoteConfig remote) {

    /**
     * @param fromFile the file's config, checked
     * @param fileText the file's text
     * @param baseDir what relative paths in a remote config are resolved against: the file's directory
     * @throws UserError when a trusted key cannot be read
     */
    static StartingConfig of(LoadedConfig fromFile, ConfigText fileText, Path baseDir, Map<String, String> env,
            PluginRegistry registry) throws UserError {
        if (fromFile.control() == null) {
            return new StartingConfig(fromFile, fileText, null);
        }
        RemoteConfigStore store = new RemoteConfigStore(fromFile.dataDir());
        RemoteConfigState state = stateIn(store);
        LoadedConfig loaded = fromFile;
        ConfigText text = fileText;
        ConfigText kept = state.current();
        if (kept != null) {
            String name = "remote config version " + kept.remoteVersion();
            try {
                loaded = ConfigLoader.check(kept.text(), name, kept.format(), baseDir, env, registry, CheckDepth.FILES);
                text = kept;
                LoggerFactory.getLogger(StartingConfig.class).info("running " + name + ", applied " + kept.at() + ", instead of " + fromFile.file()
                        + "; a reload of the file puts the file back in charge");
            } catch (ConfigException e) {
                warn("not resuming " + name + ", which no longer passes the check ("
                        + e.errors().stream().map(ConfigError::toString).findFirst().orElse("") + "); running "
                        + fromFile.file());
                state = state.fileInCharge();
            }
        }
        ControlSettings control = loaded.control() != null ? loaded.control() : fromFile.control();
        try {
            DesiredDocuments documents = DesiredDocuments.of(control.trustedKeys().stream().map(fromFile::resolve)
                    .toList(), control.requireSigned(), fromFile.agentId(), Clock.systemUTC());
            return new StartingConfig(loaded, text,
                    new RemoteConfig(control, documents, store, state, fromFile.agentId(), Clock.systemUTC()));
        } catch (IOException e) {
            throw new UserError(e.getMessage());
        }
    }

    private static RemoteConfigState stateIn(RemoteConfigStore store) {
        try {
            return store.load();
        } catch (IOException e) {
            warn(e.getMessage() + "; starting from the file, as if the platform had sent nothing yet");
            return RemoteConfigState.NONE;
        }
    }

    private static void warn(String message) {
        LoggerFactory.getLogger(StartingConfig.class).warn(message);
    }
}
