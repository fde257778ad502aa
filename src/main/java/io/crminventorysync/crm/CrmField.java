package io.crminventorysync.crm;

/** One field of a CRM module from its metadata ({@code GET /settings/fields?module=}). */
public record CrmField(String apiName, String label, String dataType, boolean custom, boolean readOnly) {
}
