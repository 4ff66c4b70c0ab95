package dev.ferry.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The classes a running JVM has loaded, as the JDK's jcmd lists them ({@code VM.class_hierarchy}). */
public final class LoadedClasses {

    private LoadedClasses() {}

    /** Every class loaded in process {@code pid}, one per line. */
    public static String of(long pid) throws IOException, InterruptedException {
        Path javaBin = Path.of(ProcessHandle.current().info().command().orElseThrow()).getParent();
        Process jcmd = new ProcessBuilder(javaBin.resolve("jcmd").toString(), Long.toString(pid), "VM.class_hierarchy")
                .redirectErrorStream(true).start();
        String text = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(jcmd.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(jcmd.exitValue()).as(text).isZero();
        return text;
    }
}
