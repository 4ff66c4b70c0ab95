package dev.ferry.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * The SQLite driver unpacks its native library to a temporary file the first time it is used; doing that
 * before a measurement keeps those megabytes out of the bytes-written count.
 */
final class SqliteWarmUp {

    private SqliteWarmUp() {}

    static void loadNativeLibrary() throws IOException, SQLException {
        Path dir = BenchDirectory.fresh("sqlite-warm-up");
        try {
            SqliteReference.open(dir, 1).close();
        } finally {
            BenchDirectory.delete(dir);
        }
    }
}
