package dev.ferry.management.diagnostics;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.management.JMException;
import javax.management.ObjectName;

/** What {@code jcmd} would print about this JVM, asked from inside it so that no tool has to attach. */
final class JvmReports {

    private JvmReports() {}

    /**
     * Every thread's stack, virtual threads too, in the plain-text format of {@code jcmd Thread.dump_to_file}.
     *
     * @param scratch a file that does not exist yet; the dump passes through it and it is deleted
     */
    static String threadDump(Path scratch) throws IOException {
        try {
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .dumpThreads(scratch.toAbsolutePath().toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.TEXT_PLAIN);
            return Files.readString(scratch);
        } finally {
            Files.deleteIfExists(scratch);
        }
    }

    /** {@code jcmd GC.class_histogram}: instances and bytes by class, after a full collection. */
    static String classHistogram() throws IOException {
        return diagnosticCommand("gcClassHistogram");
    }

    /** {@code jcmd GC.heap_info}: the heap's generations, their sizes and use. */
    static String heapInfo() throws IOException {
        return diagnosticCommand("gcHeapInfo");
    }

    private static String diagnosticCommand(String operation) throws IOException {
        try {
            Object text = ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), operation,
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
            return String.valueOf(text);
        } catch (JMException e) {
            throw new IOException("the JVM's " + operation + " diagnostic command failed: " + e.getMessage(), e);
        }
    }
}
