package io.crminventorysync.crm;

/** One custom view of a CRM module (GET /settings/custom_views?module=..). */
public record CrmCustomView(String id, String name, String displayValue, String systemName, boolean systemDefined,
                            boolean isDefault, String category) {
}
