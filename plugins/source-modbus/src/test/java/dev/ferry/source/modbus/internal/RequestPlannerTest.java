package dev.ferry.source.modbus.internal;

import static dev.ferry.source.modbus.Points.point;
import static dev.ferry.source.modbus.Points.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.source.modbus.DataType;
import dev.ferry.source.modbus.PointConfig;
import dev.ferry.source.modbus.Points;
import dev.ferry.source.modbus.Table;
import dev.ferry.source.modbus.internal.ReadRequest.Slot;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestPlannerTest {

    @Test
    void contiguousPointsOfOneTableShareARequest() {
        List<ReadRequest> plan = RequestPlanner.plan(List.of(
                point("voltage", Table.HOLDING, 100, DataType.FLOAT32),
                point("current", Table.HOLDING, 102, DataType.FLOAT32),
                point("status", Table.HOLDING, 104, DataType.UINT16)), 0, 125, 2000);
        assertThat(plan).containsExactly(new ReadRequest(Table.HOLDING, 100, 5,
                List.of(new Slot(0, 0), new Slot(1, 2), new Slot(2, 4))));
    }

    @Test
    void aGapSplitsUnlessMergeGapAllowsIt() {
        List<PointConfig> points = List.of(
                point("a", Table.HOLDING, 10, DataType.UINT16),
                point("b", Table.HOLDING, 13, DataType.UINT16));
        assertThat(RequestPlanner.plan(points, 0, 125, 2000)).extracting(ReadRequest::describe)
                .containsExactly("holding registers 10", "holding registers 13");
        assertThat(RequestPlanner.plan(points, 1, 125, 2000)).extracting(ReadRequest::describe)
                .containsExactly("holding registers 10", "holding registers 13");
        assertThat(RequestPlanner.plan(points, 2, 125, 2000)).singleElement()
                .isEqualTo(new ReadRequest(Table.HOLDING, 10, 4, List.of(new Slot(0, 0), new Slot(1, 3))));
    }

    @Test
    void tablesNeverMixAndRequestsFollowTableThenAddressWhateverTheConfigOrder() {
        List<ReadRequest> plan = RequestPlanner.plan(List.of(
                point("di", Table.DISCRETE_INPUT, 0, DataType.BOOL),
                point("in", Table.INPUT, 0, DataType.UINT16),
                point("h2", Table.HOLDING, 1, DataType.UINT16),
                point("coil", Table.COIL, 0, DataType.BOOL),
                point("h1", Table.HOLDING, 0, DataType.UINT16)), 0, 125, 2000);
        assertThat(plan).containsExactly(
                new ReadRequest(Table.HOLDING, 0, 2, List.of(new Slot(4, 0), new Slot(2, 1))),
                new ReadRequest(Table.INPUT, 0, 1, List.of(new Slot(1, 0))),
                new ReadRequest(Table.COIL, 0, 1, List.of(new Slot(3, 0))),
                new ReadRequest(Table.DISCRETE_INPUT, 0, 1, List.of(new Slot(0, 0))));
    }

    @Test
    void registerRequestsStopAt125Registers() {
        List<PointConfig> points = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            points.add(point("p" + i, Table.INPUT, i * 2, DataType.UINT32)); // 200 registers, contiguous
        }
        List<ReadRequest> plan = RequestPlanner.plan(points, 0, 125, 2000);
        assertThat(plan).extracting(ReadRequest::address, ReadRequest::count)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0, 124), org.assertj.core.groups.Tuple.tuple(124, 76));
        assertThat(plan).allSatisfy(r -> assertThat(r.count()).isLessThanOrEqualTo(125));
        assertThat(plan.stream().mapToInt(r -> r.slots().size()).sum()).isEqualTo(100);
    }

    @Test
    void aSmallerDeviceLimitIsHonoured() {
        List<PointConfig> points = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            points.add(point("p" + i, Table.HOLDING, i, DataType.UINT16));
        }
        assertThat(RequestPlanner.plan(points, 0, 4, 2000)).extracting(ReadRequest::count).containsExactly(4, 4, 2);
    }

    @Test
    void bitRequestsStopAt2000Bits() {
        List<PointConfig> points = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            points.add(point("c" + i, Table.COIL, i, DataType.BOOL));
        }
        assertThat(RequestPlanner.plan(points, 0, 125, 2000)).extracting(ReadRequest::describe)
                .containsExactly("coils 0..1999", "coils 2000..2499");
    }

    @Test
    void bitsOfOneRegisterAndAStringShareRequestsByTheirSpan() {
        List<ReadRequest> plan = RequestPlanner.plan(List.of(
                Points.bit("alarm", Table.HOLDING, 7, 0),
                Points.bit("running", Table.HOLDING, 7, 3),
                text("serial", 8, 4),
                point("next", Table.HOLDING, 12, DataType.INT16)), 0, 125, 2000);
        assertThat(plan).containsExactly(new ReadRequest(Table.HOLDING, 7, 6,
                List.of(new Slot(0, 0), new Slot(1, 0), new Slot(2, 1), new Slot(3, 5))));
    }

    @Test
    void gapsAreCountedFromTheEndOfTheWidestPointSoFar() {
        // The float64 ends at 13: a uint16 at 15 is a gap of 1, not of 5.
        List<ReadRequest> plan = RequestPlanner.plan(List.of(
                point("wide", Table.HOLDING, 10, DataType.FLOAT64),
                point("low", Table.HOLDING, 10, DataType.UINT16),
                point("after", Table.HOLDING, 15, DataType.UINT16)), 1, 125, 2000);
        assertThat(plan).singleElement().extracting(ReadRequest::count).isEqualTo(6);
    }

    @Test
    void noPointsNoRequests() {
        assertThat(RequestPlanner.plan(List.of(), 0, 125, 2000)).isEmpty();
    }
}
