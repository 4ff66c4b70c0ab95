package dev.ferry.source.simulated;

/** The waveform of a simulated signal; written in kebab-case in the config ({@code random-walk}). */
public enum Shape {
    /** {@code offset + amplitude · sin(2π · t / period)}, with t the clock time. */
    SINE,
    /** {@code offset + amplitude} for the first half of each period, {@code offset − amplitude} for the second. */
    SQUARE,
    /** A staircase: up by {@code step} every period from {@code offset} to at most {@code offset + amplitude}, then again. */
    STEP,
    /** Starts at {@code offset} and moves by a random amount in [−step, step] each read, kept within offset ± amplitude. */
    RANDOM_WALK,
    /** A whole number that starts at {@code offset} and grows by {@code step} each read. */
    COUNTER
}
