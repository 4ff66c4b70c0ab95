package dev.ferry.mqtt.internal;

/** MQTT's rules for topic names (what a PUBLISH goes to) and topic filters (what a SUBSCRIBE asks for). */
public final class Topics {

    private static final String SHARED_PREFIX = "$share/";

    private Topics() {}

    /** A topic name: not empty, valid UTF-8, no wildcards. */
    public static void checkName(String topic) {
        Utf8.check(topic, "topic");
        if (topic.isEmpty()) {
            throw new IllegalArgumentException("topic must not be empty");
        }
        if (topic.indexOf('+') >= 0 || topic.indexOf('#') >= 0) {
            throw new IllegalArgumentException("topic must not contain the wildcards + or #, was '" + topic + "'");
        }
    }

    /** A topic filter: not empty, valid UTF-8, {@code +} only as a whole level, {@code #} only as the whole last level. */
    public static void checkFilter(String filter) {
        Utf8.check(filter, "topic filter");
        if (filter.isEmpty()) {
            throw new IllegalArgumentException("topic filter must not be empty");
        }
        String[] levels = filter.split("/", -1);
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            boolean hash = level.indexOf('#') >= 0;
            boolean plus = level.indexOf('+') >= 0;
            if ((hash && (!level.equals("#") || i != levels.length - 1)) || (plus && !level.equals("+"))) {
                throw new IllegalArgumentException("topic filter '" + filter
                        + "': + must fill a whole level and # must be the whole last level");
            }
        }
    }

    /** Whether {@code topic} matches {@code filter} (a shared subscription's filter is matched without its prefix). */
    public static boolean matches(String filter, String topic) {
        if (filter.startsWith(SHARED_PREFIX)) {
            int groupEnd = filter.indexOf('/', SHARED_PREFIX.length());
            filter = groupEnd < 0 ? filter : filter.substring(groupEnd + 1);
        }
        if (topic.startsWith("$") && (filter.startsWith("+") || filter.startsWith("#"))) {
            return false; // wildcards at the first level do not match system topics
        }
        int f = 0;
        int t = 0;
        while (f < filter.length()) {
            char c = filter.charAt(f);
            if (c == '#') {
                return true;
            }
            if (c == '+') {
                int slash = topic.indexOf('/', t);
                t = slash < 0 ? topic.length() : slash;
                f++;
            } else {
                if (t >= topic.length() || topic.charAt(t) != c) {
                    // "a/#" also matches "a": the filter's "/#" may stand for nothing
                    return t == topic.length() && filter.startsWith("/#", f) && f + 2 == filter.length();
                }
                f++;
                t++;
            }
        }
        return t == topic.length();
    }
}
