package io.crminventorysync.sync.record;

import io.crminventorysync.crm.CrmClient;
import io.crminventorysync.crm.CrmWriteResult;
import io.crminventorysync.crm.CrmWriter;
import io.crminventorysync.http.ZohoApi;
import io.crminventorysync.http.ZohoApiException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The CRM calls of both flows: batch writes of the push, the fields a pull's conflict gives back to CRM, key checks. */
@Component
public class CrmGateway {

    private final CrmClient crm;
    private final CrmWriter writer;

    public CrmGateway(CrmClient crm, CrmWriter writer) {
        this.crm = crm;
        this.writer = writer;
    }

    public List<CrmWriteResult> insert(String crmModule, List<Map<String, Object>> records) {
        return writer.insert(crmModule, records);
    }

    public List<CrmWriteResult> update(String crmModule, List<Map<String, Object>> records) {
        return writer.update(crmModule, records);
    }

    /** Upsert on {@code checkFields} (CRM's system key when null): finds the record a lost create made. */
    public List<CrmWriteResult> upsert(String crmModule, List<Map<String, Object>> records, List<String> checkFields) {
        return writer.upsert(crmModule, records, checkFields);
    }

    /** Deletes records (to CRM's recycle bin); one result per record. */
    public List<CrmWriteResult> delete(String crmModule, List<String> ids) {
        return writer.delete(crmModule, ids);
    }

    /** Writes some fields of one CRM record; a refusal throws, naming CRM's code and field. */
    public void updateFields(String crmModule, String crmId, Map<String, Object> fields) {
        Map<String, Object> record = new LinkedHashMap<>(fields);
        record.put("id", crmId);
        CrmWriteResult result = writer.update(crmModule, List.of(record)).get(0);
        if (!result.isSuccess()) {
            throw new ZohoApiException(ZohoApiException.Kind.INVALID_DATA, ZohoApi.CRM, "update " + crmModule + " " + crmId,
                    0, result.rawCode(), result.message(), result.field());
        }
    }

    /** The record as CRM holds it now, or empty when it is gone. */
    public Optional<Map<String, Object>> read(String crmModule, String crmId) {
        return crm.getRecord(crmModule, crmId);
    }

    /** The records of a CRM record's related list, e.g. the Contacts of an Account. */
    public List<Map<String, Object>> related(String crmModule, String crmId, String relatedList, List<String> fields) {
        return crm.relatedRecords(crmModule, crmId, relatedList, fields);
    }

    /** The CRM records whose {@code field} equals {@code value} (search criteria, escaped). */
    public List<Map<String, Object>> findByKey(String crmModule, String field, String value) {
        return crm.searchEquals(crmModule, field, value);
    }
}
