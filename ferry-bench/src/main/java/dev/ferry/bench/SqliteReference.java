package dev.ferry.bench;

import dev.ferry.api.Reading;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * SQLite doing the log's job, as a careful application would: WAL journal, {@code synchronous=FULL} so a
 * commit is on disk when it returns, readings stored as the same encoded payloads the Ferry log stores, a
 * cursor row per sink, and rows deleted once the sink has acknowledged them (as the log drops passed segments).
 * Not thread-safe: one benchmark thread owns it.
 */
final class SqliteReference implements AutoCloseable {

    static final String DATABASE_FILE = "readings.db";

    private final Path dir;
    private final Connection connection;
    private final int rowsPerTransaction;
    private final PreparedStatement insert;
    private final PreparedStatement selectAfter;
    private final PreparedStatement saveCursor;
    private final PreparedStatement deleteAcknowledged;
    /** Assigned here, as the log assigns them: SQLite would reuse row ids once acknowledged rows are deleted. */
    private long nextSeq;

    private SqliteReference(Path dir, Connection connection, int rowsPerTransaction) throws SQLException {
        this.dir = dir;
        this.connection = connection;
        this.rowsPerTransaction = rowsPerTransaction;
        this.insert = connection.prepareStatement("INSERT INTO readings(seq, payload) VALUES (?, ?)");
        this.selectAfter = connection.prepareStatement(
                "SELECT seq, payload FROM readings WHERE seq > ? ORDER BY seq LIMIT ?");
        this.saveCursor = connection.prepareStatement("INSERT OR REPLACE INTO cursors(sink, seq) VALUES (?, ?)");
        this.deleteAcknowledged = connection.prepareStatement("DELETE FROM readings WHERE seq <= ?");
        this.nextSeq = highestSeq() + 1;
    }

    /**
     * Opens (creating if needed) the database in {@code dir}.
     *
     * @param rowsPerTransaction how many readings each committed (and so fsync'd) transaction holds
     * @param extraPragmas further {@code PRAGMA} settings, e.g. {@code journal_size_limit=0}
     */
    static SqliteReference open(Path dir, int rowsPerTransaction, String... extraPragmas) throws SQLException {
        if (rowsPerTransaction < 1) {
            throw new IllegalArgumentException("rowsPerTransaction must be >= 1, was " + rowsPerTransaction);
        }
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(DATABASE_FILE));
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA journal_mode=WAL");
            statement.execute("PRAGMA synchronous=FULL");
            for (String pragma : extraPragmas) {
                statement.execute("PRAGMA " + pragma);
            }
            statement.execute("CREATE TABLE IF NOT EXISTS readings(seq INTEGER PRIMARY KEY, payload BLOB NOT NULL)");
            statement.execute("CREATE TABLE IF NOT EXISTS cursors(sink TEXT PRIMARY KEY, seq INTEGER NOT NULL)");
            connection.setAutoCommit(false);
            return new SqliteReference(dir, connection, rowsPerTransaction);
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** Encodes and stores the readings, committing every {@code rowsPerTransaction} rows and at the end. */
    void append(List<Reading> readings) throws SQLException {
        int pending = 0;
        for (Reading reading : readings) {
            insert.setLong(1, nextSeq++);
            insert.setBytes(2, Payloads.encode(reading));
            insert.addBatch();
            if (++pending == rowsPerTransaction) {
                commitBatch();
                pending = 0;
            }
        }
        if (pending > 0) {
            commitBatch();
        }
    }

    /** Up to {@code max} readings with a sequence number above {@code afterSeq}, oldest first. */
    List<SqliteRow> readAfter(long afterSeq, int max) throws SQLException {
        selectAfter.setLong(1, afterSeq);
        selectAfter.setInt(2, max);
        List<SqliteRow> rows = new ArrayList<>(max);
        try (ResultSet result = selectAfter.executeQuery()) {
            while (result.next()) {
                rows.add(new SqliteRow(result.getLong(1), Payloads.decode(result.getBytes(2))));
            }
        }
        return rows;
    }

    /** Durably records that {@code sink} has everything up to {@code seq} and frees those rows. */
    void acknowledge(String sink, long seq) throws SQLException {
        saveCursor.setString(1, sink);
        saveCursor.setLong(2, seq);
        saveCursor.executeUpdate();
        deleteAcknowledged.setLong(1, seq);
        deleteAcknowledged.executeUpdate();
        connection.commit();
    }

    /** Moves everything in the write-ahead log into the database file, as a checkpoint eventually would. */
    void checkpoint() throws SQLException {
        connection.commit();
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        } finally {
            connection.setAutoCommit(false);
        }
    }

    /** The size of the write-ahead log file now; it only grows until a {@code TRUNCATE} checkpoint empties it. */
    long walFileBytes() throws IOException {
        Path wal = dir.resolve(DATABASE_FILE + "-wal");
        return Files.exists(wal) ? Files.size(wal) : 0;
    }

    long databaseFileBytes() throws IOException {
        return Files.size(dir.resolve(DATABASE_FILE));
    }

    int pageSize() throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("PRAGMA page_size")) {
            result.next();
            return result.getInt(1);
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }

    private long highestSeq() throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT max("
                        + "coalesce((SELECT max(seq) FROM readings), 0), coalesce((SELECT max(seq) FROM cursors), 0))")) {
            result.next();
            return result.getLong(1);
        }
    }

    private void commitBatch() throws SQLException {
        insert.executeBatch();
        connection.commit();
    }

    /** One stored reading and its sequence number. */
    record SqliteRow(long seq, Reading reading) {}
}
