package dev.ferry.agent.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

/**
 * Where {@code ferry top} draws. On a terminal: the alternate screen (so the shell's screen comes back on exit, as with
 * {@code top}), each frame drawn over the last, and single key presses read without Enter so that {@code q} quits.
 * Elsewhere (a pipe, a file): one table after another.
 */
abstract sealed class TopScreen implements AutoCloseable {

    abstract void show(String frame);

    @Override
    public abstract void close();

    static TopScreen open(CountDownLatch quit) {
        boolean terminal = System.console() != null && System.console().isTerminal();
        return terminal ? Terminal.open(quit) : new Plain();
    }

    static final class Plain extends TopScreen {
        @Override
        void show(String frame) {
            System.out.print(frame);
            System.out.println();
            System.out.flush();
        }

        @Override
        public void close() {}
    }

    static final class Terminal extends TopScreen {
        private static final String ALTERNATE_SCREEN = "\033[?1049h";
        private static final String MAIN_SCREEN = "\033[?1049l";
        private static final String HIDE_CURSOR = "\033[?25l";
        private static final String SHOW_CURSOR = "\033[?25h";
        private static final String HOME_AND_CLEAR = "\033[H\033[2J";

        private final PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        private final String savedMode;

        private Terminal(String savedMode) {
            this.savedMode = savedMode;
        }

        static Terminal open(CountDownLatch quit) {
            // Without canonical mode a key arrives without Enter; signals stay on, so Ctrl-C still interrupts.
            String saved = stty("-g").strip();
            boolean keys = !saved.isEmpty() && !stty("-icanon", "-echo", "min", "1").equals(FAILED);
            Terminal terminal = new Terminal(saved);
            terminal.out.print(ALTERNATE_SCREEN + HIDE_CURSOR);
            terminal.out.flush();
            if (keys) {
                Thread.ofVirtual().name("top-keys").start(() -> readKeys(quit));
            }
            return terminal;
        }

        private static void readKeys(CountDownLatch quit) {
            try {
                for (int key = System.in.read(); key >= 0; key = System.in.read()) {
                    if (key == 'q' || key == 'Q') {
                        quit.countDown();
                        return;
                    }
                }
            } catch (IOException e) {
                // no keyboard: Ctrl-C still quits
            }
        }

        @Override
        void show(String frame) {
            out.print(HOME_AND_CLEAR + frame);
            out.flush();
        }

        @Override
        public void close() {
            out.print(SHOW_CURSOR + MAIN_SCREEN);
            out.flush();
            if (!savedMode.isEmpty()) {
                stty(savedMode);
            }
        }

        private static final String FAILED = "\0failed";

        /** Runs {@code stty} on the controlling terminal; its output, or {@link #FAILED}. */
        private static String stty(String... arguments) {
            String[] command = new String[arguments.length + 1];
            command[0] = "stty";
            System.arraycopy(arguments, 0, command, 1, arguments.length);
            try {
                Process process = new ProcessBuilder(command).redirectInput(new File("/dev/tty"))
                        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                return process.waitFor() == 0 ? output : FAILED;
            } catch (IOException e) {
                return FAILED;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return FAILED;
            }
        }
    }
}
