package dev.ferry.source.modbus.internal;

import dev.ferry.source.modbus.ModbusConfig;
import dev.ferry.source.modbus.PointConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Turns a register map into as few read requests as the protocol allows: points of one table whose registers (or
 * bits) follow each other, or leave at most {@code merge_gap} unused between them, share one request of at most
 * {@code max_registers_per_read} registers (or {@code max_bits_per_read} bits). Computed once, when the source is
 * created; expects a config that passed validation.
 */
public final class RequestPlanner {

    private RequestPlanner() {}

    public static List<ReadRequest> plan(ModbusConfig config) {
        return plan(config.points(), config.mergeGap(), config.maxRegistersPerRead(), config.maxBitsPerRead());
    }

    public static List<ReadRequest> plan(List<PointConfig> points, int mergeGap, int maxRegisters, int maxBits) {
        List<Integer> order = IntStream.range(0, points.size()).boxed()
                .sorted(Comparator.<Integer, Integer>comparing(i -> points.get(i).table().ordinal())
                        .thenComparing(i -> points.get(i).address())
                        .thenComparing(i -> points.get(i).width()))
                .toList();
        List<ReadRequest> plan = new ArrayList<>();
        Builder open = null;
        for (int index : order) {
            PointConfig point = points.get(index);
            int limit = point.table().holdsBits() ? maxBits : maxRegisters;
            if (open == null || !open.takes(point, mergeGap, limit)) {
                if (open != null) {
                    plan.add(open.build());
                }
                open = new Builder(point);
            }
            open.add(index, point);
        }
        if (open != null) {
            plan.add(open.build());
        }
        return List.copyOf(plan);
    }

    private static final class Builder {
        private final PointConfig first;
        private int end;
        private final List<ReadRequest.Slot> slots = new ArrayList<>();

        Builder(PointConfig first) {
            this.first = first;
            this.end = first.address() - 1;
        }

        boolean takes(PointConfig point, int mergeGap, int limit) {
            int pointEnd = point.address() + point.width() - 1;
            return point.table() == first.table()
                    && point.address() <= end + 1 + mergeGap
                    && Math.max(end, pointEnd) - first.address() + 1 <= limit;
        }

        void add(int index, PointConfig point) {
            slots.add(new ReadRequest.Slot(index, point.address() - first.address()));
            end = Math.max(end, point.address() + point.width() - 1);
        }

        ReadRequest build() {
            return new ReadRequest(first.table(), first.address(), end - first.address() + 1, slots);
        }
    }
}
