package dev.ferry.sink.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.Batch;
import dev.ferry.api.Reading;
import dev.ferry.api.ReadingId;
import dev.ferry.api.StoredReading;
import dev.ferry.api.Value;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSinkTest {

    @TempDir
    Path dir;

    private static Batch batch(long... seqs) {
        return new Batch(java.util.Arrays.stream(seqs)
                .mapToObj(seq -> (dev.ferry.api.LogEntry) new StoredReading(new ReadingId("gw", "e", seq),
                        Reading.of("s", "m", Value.of(seq), "", Instant.EPOCH)))
                .toList());
    }

    @Test
    void appendsBatchesAndCreatesParentDirectories() throws Exception {
        Path file = dir.resolve("out/deep/readings.jsonl");
        FileSink sink = new FileSink(file, true);
        sink.open();
        sink.send(batch(0, 1)).toCompletableFuture().join();
        sink.send(batch(2)).toCompletableFuture().join();
        sink.close();

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(3);
        assertThat(lines).extracting(line -> line.replaceAll(".*\"seq\":(\\d+).*", "$1")).containsExactly("0", "1", "2");
    }

    @Test
    void aLineCutShortByACrashIsNotGluedToTheNextOne() throws Exception {
        Path file = dir.resolve("readings.jsonl");
        Files.writeString(file, "{\"id\":\"gw:e:0\",\"seq\":0}\n{\"id\":\"gw:e:1\",\"se", StandardCharsets.UTF_8);

        FileSink sink = new FileSink(file, false);
        sink.open();
        sink.send(batch(1)).toCompletableFuture().join();
        sink.close();

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).isEqualTo("{\"id\":\"gw:e:1\",\"se");
        assertThat(lines.get(2)).startsWith("{\"id\":\"gw:e:1\",\"seq\":1,");
    }
}
