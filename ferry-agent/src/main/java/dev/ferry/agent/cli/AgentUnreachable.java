package dev.ferry.agent.cli;

/** The running agent could not be asked: not running, endpoint off, port refused, no answer. Exit code 4. */
final class AgentUnreachable extends Exception {

    AgentUnreachable(String message) {
        super(message, null, false, false);
    }
}
