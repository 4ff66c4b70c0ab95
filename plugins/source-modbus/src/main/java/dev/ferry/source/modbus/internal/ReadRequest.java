package dev.ferry.source.modbus.internal;

import dev.ferry.source.modbus.Table;
import java.util.List;

/**
 * One read request of the plan: {@code count} registers (or bits) of {@code table} from {@code address}, and
 * where each point it serves sits in the answer.
 *
 * @param slots the points it serves, by index in the config, with their offset from {@code address}
 */
public record ReadRequest(Table table, int address, int count, List<Slot> slots) {

    /** @param point index of the point in the config; @param offset its first register (or bit) from the request's start */
    public record Slot(int point, int offset) {}

    public ReadRequest {
        slots = List.copyOf(slots);
    }

    public int last() {
        return address + count - 1;
    }

    /** As messages name it: {@code holding registers 100..109}, {@code coils 7}. */
    public String describe() {
        return table.plural() + " " + (count == 1 ? Integer.toString(address) : address + ".." + last());
    }
}
