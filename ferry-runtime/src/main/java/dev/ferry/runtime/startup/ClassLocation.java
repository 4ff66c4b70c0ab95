package dev.ferry.runtime.startup;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/**
 * The jar (or classes folder) a class comes from, as its class loader finds it now. Not the class's code source: a
 * class taken from an AOT cache keeps the code source of the jar it was trained from, at the build's path, where an
 * installed agent has nothing.
 */
public final class ClassLocation {

    private ClassLocation() {}

    /** The jar file or the classes folder that holds {@code type}'s class file. */
    public static Path of(Class<?> type) {
        String classFile = type.getName().replace('.', '/') + ".class";
        URL url = type.getClassLoader().getResource(classFile);
        if (url == null) {
            throw new IllegalStateException("cannot find the class file of " + type.getName());
        }
        try {
            String text = url.toString();
            if (text.startsWith("jar:")) {
                return Path.of(new URI(text.substring("jar:".length(), text.indexOf("!/"))));
            }
            Path file = Path.of(url.toURI());
            for (int i = 0; i < classFile.split("/").length; i++) {
                file = file.getParent();
            }
            return file;
        } catch (URISyntaxException | RuntimeException e) {
            throw new IllegalStateException("cannot tell where " + type.getName() + " comes from (" + url + ")", e);
        }
    }
}
