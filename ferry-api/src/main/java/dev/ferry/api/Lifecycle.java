package dev.ferry.api;

import java.util.concurrent.atomic.AtomicReference;

/**
 * A component's lifecycle as a small state machine: NEW → STARTING → RUNNING → STOPPING → STOPPED, with FAILED
 * reachable from STARTING and RUNNING. An illegal move throws with the current state in the message.
 */
public final class Lifecycle {

    public enum State { NEW, STARTING, RUNNING, STOPPING, STOPPED, FAILED }

    private final String component;
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);

    public Lifecycle(String component) {
        this.component = component;
    }

    public State state() {
        return state.get();
    }

    public void starting() {
        move(State.NEW, State.STARTING);
    }

    public void running() {
        move(State.STARTING, State.RUNNING);
    }

    /** Moves to STOPPING from STARTING, RUNNING or FAILED; returns false when already stopping or stopped. */
    public boolean stopping() {
        while (true) {
            State current = state.get();
            switch (current) {
                case STOPPING, STOPPED -> {
                    return false;
                }
                case NEW -> {
                    if (state.compareAndSet(current, State.STOPPED)) {
                        return false;
                    }
                }
                default -> {
                    if (state.compareAndSet(current, State.STOPPING)) {
                        return true;
                    }
                }
            }
        }
    }

    public void stopped() {
        move(State.STOPPING, State.STOPPED);
    }

    public void failed() {
        State current = state.get();
        if ((current == State.STARTING || current == State.RUNNING) && state.compareAndSet(current, State.FAILED)) {
            return;
        }
        throw illegal(current, State.FAILED);
    }

    private void move(State from, State to) {
        if (!state.compareAndSet(from, to)) {
            throw illegal(state.get(), to);
        }
    }

    private IllegalStateException illegal(State current, State wanted) {
        return new IllegalStateException(component + " cannot go to " + wanted + " while " + current);
    }
}
