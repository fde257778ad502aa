package io.crminventorysync.http;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Timestamps as the two APIs write them. CRM puts a colon in the offset
 * ({@code 2023-10-15T10:30:00+05:30}), Inventory does not ({@code 2013-08-05T12:06:10+0530}), and
 * Inventory examples sometimes carry a bare date.
 */
public final class ZohoTime {

    /**
     * CRM's If-Modified-Since and DateTime format. {@code xxx} rather than {@code XXX} so that UTC is
     * written {@code +00:00} like every documented example instead of {@code Z}; any XXX parser reads it.
     */
    public static final DateTimeFormatter CRM = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");
    /** Inventory's format, offset without a colon. */
    public static final DateTimeFormatter INVENTORY = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ");

    private ZohoTime() {
    }

    public static String formatCrm(Instant instant, ZoneId zone) {
        return CRM.format(instant.atZone(zone));
    }

    public static String formatInventory(Instant instant, ZoneId zone) {
        return INVENTORY.format(instant.atZone(zone));
    }

    /** Reads either API's timestamp (or a bare date, as midnight UTC); null for null or blank. */
    public static Instant parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String s = text.trim();
        try {
            return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException notIso) {
            try {
                return OffsetDateTime.parse(s, INVENTORY).toInstant();
            } catch (DateTimeParseException notInventory) {
                try {
                    return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
                } catch (DateTimeParseException notDate) {
                    throw new IllegalArgumentException("not a Zoho timestamp: '" + text + "'");
                }
            }
        }
    }

    /** {@link #parse} for a JSON value that may be absent or not a string. */
    public static Instant parse(Object value) {
        return value == null ? null : parse(value.toString());
    }
}
