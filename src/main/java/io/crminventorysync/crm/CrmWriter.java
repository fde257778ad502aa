package io.crminventorysync.crm;

import com.fasterxml.jackson.databind.JsonNode;
import io.crminventorysync.http.ZohoApi;
import io.crminventorysync.http.ZohoErrors;
import io.crminventorysync.http.ZohoRequest;
import io.crminventorysync.http.ZohoResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Zoho CRM v7 writes: insert, update, upsert and delete, 100 records a call, without firing CRM
 * workflows; every per-record result on its own, in input order (section 1.3 of the reference).
 */
@Component("crmWriter")
public class CrmWriter {

    public static final int MAX_WRITE_BATCH = 100;

    private final CrmCalls calls;

    CrmWriter(CrmCalls calls) {
        this.calls = calls;
    }

    /** Creates records, 100 a call, without firing workflows; one result per record, in input order. */
    public List<CrmWriteResult> insert(String module, List<Map<String, Object>> records) {
        return write(module, "POST", "/" + module, records, null, false);
    }

    /** Updates records (each must carry "id"), 100 a call, without firing workflows. */
    public List<CrmWriteResult> update(String module, List<Map<String, Object>> records) {
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i).get("id") == null) {
                throw new IllegalArgumentException("CRM update of " + module + ": record " + i + " has no id");
            }
        }
        return write(module, "PUT", "/" + module, records, null, true);
    }

    /**
     * Inserts or updates records matched on {@code duplicateCheckFields} (null or empty: CRM's system key
     * of the module, e.g. Account_Name, Vendor_Name, Product_Name); results carry action insert/update.
     */
    public List<CrmWriteResult> upsert(String module, List<Map<String, Object>> records,
                                       List<String> duplicateCheckFields) {
        return write(module, "POST", "/" + module + "/upsert", records,
                duplicateCheckFields == null || duplicateCheckFields.isEmpty() ? null : duplicateCheckFields,
                true);
    }

    private List<CrmWriteResult> write(String module, String method, String path, List<Map<String, Object>> records,
                                       List<String> duplicateCheckFields, boolean idempotent) {
        List<CrmWriteResult> results = new ArrayList<>(records.size());
        for (int from = 0; from < records.size(); from += MAX_WRITE_BATCH) {
            List<Map<String, Object>> batch = records.subList(from, Math.min(from + MAX_WRITE_BATCH, records.size()));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("data", batch);
            // An empty trigger list keeps CRM workflows, approvals and blueprints from firing on our writes.
            body.put("trigger", List.of());
            if (duplicateCheckFields != null) {
                body.put("duplicate_check_fields", duplicateCheckFields);
            }
            ZohoRequest request = calls.request("write", method, path).json(calls.json(body)).idempotent(idempotent).build();
            ZohoResponse response = calls.execute(request);
            JsonNode root = response.hasBody() ? calls.readOrNull(response.body()) : null;
            JsonNode data = root == null ? null : root.get("data");
            boolean perRecord = data != null && data.isArray() && data.size() == batch.size()
                    && (response.isSuccess() || response.status() == 400);
            if (!perRecord) {
                throw ZohoErrors.decode(ZohoApi.CRM, calls.mapper, request.context(), response.status(), response.body());
            }
            for (int i = 0; i < batch.size(); i++) {
                results.add(result(from + i, data.get(i)));
            }
        }
        return results;
    }

    private CrmWriteResult result(int index, JsonNode item) {
        String rawCode = CrmCalls.text(item, "code");
        boolean success = "success".equalsIgnoreCase(CrmCalls.text(item, "status")) || "SUCCESS".equals(rawCode);
        JsonNode details = item.path("details");
        String field = CrmCalls.text(details, "api_name");
        if (field == null) {
            field = CrmCalls.text(item, "duplicate_field");
        }
        String duplicateOf = CrmCalls.text(details.path("duplicate_record"), "id");
        Map<String, Object> detailMap = details.isObject() ? calls.mapper.convertValue(details, CrmCalls.MAP) : Map.of();
        return new CrmWriteResult(index, success ? CrmResultCode.SUCCESS : CrmResultCode.of(rawCode), rawCode,
                CrmCalls.text(details, "id"), CrmCalls.text(item, "action"), field, CrmCalls.text(item, "message"), duplicateOf, detailMap);
    }


    /**
     * Deletes records, 100 a call (they go to CRM's recycle bin, recoverable for 60 days); one result per
     * record, in input order.
     */
    public List<CrmWriteResult> delete(String module, List<String> ids) {
        List<CrmWriteResult> results = new ArrayList<>(ids.size());
        for (int from = 0; from < ids.size(); from += MAX_WRITE_BATCH) {
            List<String> batch = ids.subList(from, Math.min(from + MAX_WRITE_BATCH, ids.size()));
            ZohoRequest request = calls.request("write", "DELETE", "/" + module)
                    .param("ids", String.join(",", batch)).idempotent(true).build();
            ZohoResponse response = calls.execute(request);
            JsonNode root = response.hasBody() ? calls.readOrNull(response.body()) : null;
            JsonNode data = root == null ? null : root.get("data");
            if (data == null || !data.isArray() || data.size() != batch.size()) {
                throw ZohoErrors.decode(ZohoApi.CRM, calls.mapper, request.context(), response.status(), response.body());
            }
            for (int i = 0; i < batch.size(); i++) {
                results.add(result(from + i, data.get(i)));
            }
        }
        return results;
    }
}
