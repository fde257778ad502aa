package io.crminventorysync.crm;

/** The per-record code of a CRM write; {@link #OTHER} keeps unknown codes from failing the whole batch. */
public enum CrmResultCode {
    SUCCESS,
    INVALID_DATA,
    DUPLICATE_DATA,
    MANDATORY_NOT_FOUND,
    MULTIPLE_OR_MULTI_ERRORS,
    DEPENDENT_FIELD_MISSING,
    DEPENDENT_MISMATCH,
    RECORD_LOCKED,
    NOT_APPROVED,
    AUTHORIZATION_FAILED,
    ALREADY_MODIFIED,
    LIMIT_EXCEEDED,
    OTHER;

    public static CrmResultCode of(String code) {
        if (code == null) {
            return OTHER;
        }
        try {
            return valueOf(code);
        } catch (IllegalArgumentException unknown) {
            return OTHER;
        }
    }
}
