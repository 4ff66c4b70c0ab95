package dev.ferry.source.modbus.internal;

import dev.ferry.api.Deadline;
import dev.ferry.api.MalformedDataException;
import dev.ferry.api.PolledSource;
import dev.ferry.api.Reading;
import dev.ferry.api.Value;
import dev.ferry.source.modbus.ModbusConfig;
import dev.ferry.source.modbus.PointConfig;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one device's register map at each poll: every planned request in turn, then one reading per point, in
 * config order, all stamped with the time the first request went out. A fault in any request fails the whole
 * read, as the readings of one poll belong together.
 */
public final class ModbusSource implements PolledSource {

    private final String name;
    private final List<PointConfig> points;
    private final List<ReadRequest> plan;
    private final ModbusLink link;
    private final RequestReader reader;
    private final Clock clock;

    public ModbusSource(String name, ModbusConfig config, ModbusLink link, Clock clock) {
        this.name = name;
        this.points = config.points();
        this.plan = RequestPlanner.plan(config);
        this.link = link;
        this.reader = new RequestReader(link, config.unitId(), config.timeout());
        this.clock = clock;
    }

    /** The requests each poll sends, planned once at creation. */
    public List<ReadRequest> plan() {
        return plan;
    }

    @Override
    public List<Reading> poll(Deadline deadline) throws IOException, MalformedDataException, InterruptedException {
        ModbusLink.Connection connection = link.connected(deadline);
        Instant time = clock.instant();
        Value[] values = new Value[points.size()];
        for (ReadRequest request : plan) {
            byte[] data = reader.read(connection, request, deadline);
            for (ReadRequest.Slot slot : request.slots()) {
                PointConfig point = points.get(slot.point());
                values[slot.point()] = request.table().holdsBits()
                        ? PointDecoder.fromBits(data, slot.offset())
                        : PointDecoder.fromRegisters(point, data, slot.offset());
            }
        }
        List<Reading> readings = new ArrayList<>(points.size());
        for (int i = 0; i < points.size(); i++) {
            PointConfig point = points.get(i);
            readings.add(new Reading(name, point.name(), values[i], point.unitOrNone(), time, point.tags()));
        }
        return readings;
    }

    @Override
    public void close() {
        link.close();
    }
}
