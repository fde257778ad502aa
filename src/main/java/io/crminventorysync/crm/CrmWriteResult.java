package io.crminventorysync.crm;

import java.util.Map;

/**
 * The outcome of one record of an insert, update or upsert, in input order.
 *
 * @param index          position of the record in the list given to the client
 * @param code           SUCCESS or the typed error
 * @param rawCode        the code exactly as CRM sent it (useful when {@code code} is OTHER)
 * @param id             the record id (details.id) on success
 * @param action         upsert only: "insert" or "update"
 * @param field          the field at fault (details.api_name), or the matching field of an upsert
 * @param message        CRM's message
 * @param duplicateOfId  DUPLICATE_DATA: the id of the record already holding the value
 * @param details        CRM's details object as sent
 */
public record CrmWriteResult(int index, CrmResultCode code, String rawCode, String id, String action, String field,
                             String message, String duplicateOfId, Map<String, Object> details) {

    public boolean isSuccess() {
        return code == CrmResultCode.SUCCESS;
    }
}
