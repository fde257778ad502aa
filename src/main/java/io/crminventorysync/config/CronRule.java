package io.crminventorysync.config;

import java.text.ParseException;
import java.util.Optional;
import java.util.regex.Pattern;
import org.quartz.CronExpression;

/**
 * What a module's cron may be: a Quartz cron expression of 6 or 7 fields made only of the
 * characters a cron can have. Quartz's own parser accepts trailing text such as
 * {@code MON)&bogusOption=RAW(1}, which would reach the Quartz endpoint's URI; this rule refuses it.
 */
public final class CronRule {

    /** Digits, letters (MON, JAN, L, W), and * ? , - / # separated by single spaces. */
    private static final Pattern CRON_CHARACTERS = Pattern.compile("[0-9A-Za-z*?,/#-]+( [0-9A-Za-z*?,/#-]+){5,6}");

    private CronRule() {
    }

    /** Empty when the cron is acceptable, else why not (for the API's 400 and the start-up warning). */
    public static Optional<String> check(String cron) {
        if (cron == null || cron.isBlank()) {
            return Optional.of("a cron expression is required, e.g. 0 0 0/2 * * ?");
        }
        if (!CRON_CHARACTERS.matcher(cron).matches()) {
            return Optional.of("not a Quartz cron expression of 6 or 7 fields (seconds minutes hours day-of-month month"
                    + " day-of-week [year]) made of digits, names and * ? , - / #: '" + cron + "'");
        }
        try {
            new CronExpression(cron);
            return Optional.empty();
        } catch (ParseException e) {
            return Optional.of("not a valid Quartz cron expression: '" + cron + "' (" + e.getMessage() + ")");
        }
    }
}
