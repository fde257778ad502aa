package io.crminventorysync.sync;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** Time columns are DATETIME(3) holding UTC, whatever the JVM's or the database's time zone. */
final class Db {

    private Db() {
    }

    static LocalDateTime utc(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        LocalDateTime value = rs.getObject(column, LocalDateTime.class);
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }

    /** Millisecond precision, as stored: keeps comparisons between stored and fresh values honest. */
    static Instant now() {
        return Instant.ofEpochMilli(System.currentTimeMillis());
    }

}
