package io.crminventorysync.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * The sandbox's notion of "now". Tests move it forward to expire tokens, leave rate-limit windows
 * or make a later edit visibly newer, without sleeping.
 */
@Component
@SandboxEnabled
public class SandboxClock {

    /** Time zone of the simulated CRM user and Inventory organization (both show local offsets). */
    public static final ZoneId ZONE = ZoneId.of("Asia/Kolkata");

    /** CRM writes offsets with a colon: 2023-10-15T10:30:00+05:30. */
    static final DateTimeFormatter CRM_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

    /** Inventory writes offsets without a colon: 2013-08-05T12:06:10+0530. */
    static final DateTimeFormatter INVENTORY_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ");

    private static final DateTimeFormatter LENIENT_OFFSET = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd'T'HH:mm:ss")
            .optionalStart().appendFraction(java.time.temporal.ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .toFormatter();

    private final AtomicLong offsetMillis = new AtomicLong();

    public long millis() {
        return System.currentTimeMillis() + offsetMillis.get();
    }

    public Instant now() {
        return Instant.ofEpochMilli(millis());
    }

    /** Moves the sandbox's time forward (or back, with a negative duration). */
    public void advance(Duration by) {
        offsetMillis.addAndGet(by.toMillis());
    }

    public void reset() {
        offsetMillis.set(0);
    }

    public static String crmTime(long epochMillis) {
        return CRM_FORMAT.format(Instant.ofEpochMilli(epochMillis).atZone(ZONE));
    }

    public static String inventoryTime(long epochMillis) {
        return INVENTORY_FORMAT.format(Instant.ofEpochMilli(epochMillis).atZone(ZONE));
    }

    public static String inventoryDate(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).atZone(ZONE).toLocalDate().toString();
    }

    /**
     * Reads a client-supplied timestamp: ISO-8601 with or without a colon in the offset, "Z", a
     * missing offset (the user's zone), a bare date, or an RFC 1123 date as HTTP headers carry.
     * A '+' that arrived unencoded in a query string has become a space and is put back.
     *
     * @return epoch millis, or null when the text is not a timestamp
     */
    public static Long parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.trim();
        if (t.length() > 19 && t.charAt(19) == ' ') {
            t = t.substring(0, 19) + "+" + t.substring(20);
        }
        try {
            var parsed = LENIENT_OFFSET.parseBest(t, OffsetDateTime::from, LocalDateTime::from);
            if (parsed instanceof OffsetDateTime odt) {
                return odt.toInstant().toEpochMilli();
            }
            return ((LocalDateTime) parsed).atZone(ZONE).toInstant().toEpochMilli();
        } catch (DateTimeParseException notIso) {
            try {
                return LocalDate.parse(t).atStartOfDay(ZONE).toInstant().toEpochMilli();
            } catch (DateTimeParseException notDate) {
                try {
                    return ZonedDateTime.parse(t, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
                } catch (DateTimeParseException notHttpDate) {
                    return null;
                }
            }
        }
    }
}
