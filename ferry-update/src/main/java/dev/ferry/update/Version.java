package dev.ferry.update;

import java.util.ArrayList;
import java.util.List;

/**
 * A Ferry version as bundles and builds name it: numbers separated by dots, optionally a pre-release after a hyphen
 * ({@code 1.4.0}, {@code 1.5.0-rc.2}, {@code 0.1.0-SNAPSHOT}). Ordered as semantic versions are: by the numbers, a
 * pre-release before its release, pre-releases by their dot-separated parts, numeric parts as numbers.
 */
public record Version(List<Long> numbers, List<String> preRelease, String text) implements Comparable<Version> {

    public Version {
        numbers = List.copyOf(numbers);
        preRelease = List.copyOf(preRelease);
    }

    /** @throws IllegalArgumentException naming what is wrong with {@code text} */
    public static Version parse(String text) {
        String trimmed = text.strip();
        int hyphen = trimmed.indexOf('-');
        String release = hyphen < 0 ? trimmed : trimmed.substring(0, hyphen);
        List<Long> numbers = new ArrayList<>();
        for (String part : release.split("\\.", -1)) {
            if (part.isEmpty() || !part.chars().allMatch(Character::isDigit) || part.length() > 18) {
                throw new IllegalArgumentException("\"" + text + "\" is not a version: expected numbers separated by"
                        + " dots, such as 1.4.0, optionally followed by -PRE-RELEASE");
            }
            numbers.add(Long.parseLong(part));
        }
        List<String> preRelease = new ArrayList<>();
        if (hyphen >= 0) {
            for (String part : trimmed.substring(hyphen + 1).split("\\.", -1)) {
                if (part.isEmpty() || !part.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-')) {
                    throw new IllegalArgumentException("\"" + text + "\" is not a version: its pre-release part must be"
                            + " letters, digits and hyphens, separated by dots");
                }
                preRelease.add(part);
            }
        }
        return new Version(numbers, preRelease, trimmed);
    }

    @Override
    public int compareTo(Version other) {
        for (int i = 0; i < Math.max(numbers.size(), other.numbers.size()); i++) {
            int byNumber = Long.compare(i < numbers.size() ? numbers.get(i) : 0, i < other.numbers.size() ? other.numbers.get(i) : 0);
            if (byNumber != 0) {
                return byNumber;
            }
        }
        if (preRelease.isEmpty() || other.preRelease.isEmpty()) {
            return Boolean.compare(preRelease.isEmpty(), other.preRelease.isEmpty());
        }
        for (int i = 0; i < Math.min(preRelease.size(), other.preRelease.size()); i++) {
            int byPart = comparePart(preRelease.get(i), other.preRelease.get(i));
            if (byPart != 0) {
                return byPart;
            }
        }
        return Integer.compare(preRelease.size(), other.preRelease.size());
    }

    public boolean isOlderThan(Version other) {
        return compareTo(other) < 0;
    }

    private static int comparePart(String a, String b) {
        boolean aNumeric = a.chars().allMatch(Character::isDigit);
        boolean bNumeric = b.chars().allMatch(Character::isDigit);
        if (aNumeric && bNumeric) {
            return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
        }
        if (aNumeric != bNumeric) {
            return aNumeric ? -1 : 1;
        }
        return a.compareTo(b);
    }

    @Override
    public String toString() {
        return text;
    }
}
