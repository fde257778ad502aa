package io.crminventorysync.http;

/** The three Zoho endpoints we talk to; {@link #tag()} is the value of the {@code api} metric tag. */
public enum ZohoApi {
    CRM("crm", "CRM"),
    INVENTORY("inventory", "Inventory"),
    OAUTH("oauth", "Zoho accounts");

    private final String tag;
    private final String displayName;

    ZohoApi(String tag, String displayName) {
        this.tag = tag;
        this.displayName = displayName;
    }

    public String tag() {
        return tag;
    }

    public String displayName() {
        return displayName;
    }
}
