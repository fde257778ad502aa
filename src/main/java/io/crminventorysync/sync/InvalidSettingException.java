package io.crminventorysync.sync;

/** A module setting that breaks a rule; names the field so the HTTP API can answer 400 with it. */
public class InvalidSettingException extends RuntimeException {

    private final String field;

    public InvalidSettingException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
