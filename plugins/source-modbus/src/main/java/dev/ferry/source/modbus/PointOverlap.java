package dev.ferry.source.modbus;

import dev.ferry.api.ConfigProblem;
import java.util.List;

/**
 * Refuses two points that read the same register or bit: almost always a typo in the register map. Bools on
 * different bits of one register are the exception, as reading a status word bit by bit is common.
 */
final class PointOverlap {

    private PointOverlap() {}

    /** @param placed indexes of the points that passed their own checks, in config order */
    static void check(List<PointConfig> points, List<Integer> placed, List<ConfigProblem> problems) {
        for (int j = 0; j < placed.size(); j++) {
            PointConfig later = points.get(placed.get(j));
            for (int i = 0; i < j; i++) {
                PointConfig earlier = points.get(placed.get(i));
                if (overlap(earlier, later)) {
                    problems.add(new ConfigProblem("points." + placed.get(j) + ".address", span(later)
                            + " overlap point \"" + earlier.name() + "\" (points." + placed.get(i) + ", " + span(earlier)
                            + "); each register or bit belongs to one point, except different bits of one register read as bool"));
                    break;
                }
            }
        }
    }

    private static boolean overlap(PointConfig a, PointConfig b) {
        if (a.table() != b.table()) {
            return false;
        }
        int aEnd = a.address() + a.width() - 1;
        int bEnd = b.address() + b.width() - 1;
        if (a.address() > bEnd || b.address() > aEnd) {
            return false;
        }
        boolean bothBits = a.bit() != null && b.bit() != null;
        return !bothBits || a.bit().equals(b.bit());
    }

    private static String span(PointConfig p) {
        String bit = p.bit() == null ? "" : " bit " + p.bit();
        return p.width() == 1 ? p.table().plural() + " " + p.address() + bit
                : p.table().plural() + " " + p.address() + ".." + (p.address() + p.width() - 1);
    }
}
