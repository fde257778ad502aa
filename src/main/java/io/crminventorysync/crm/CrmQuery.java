package io.crminventorysync.crm;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What to list from one CRM module. {@code fields} is mandatory in v3+ and holds at most 50 names;
 * {@code cvid} (a custom view) and {@code sortBy} exclude each other, as CRM answers
 * AMBIGUITY_DURING_PROCESSING when both are sent. {@code modifiedSince} becomes If-Modified-Since.
 */
public record CrmQuery(String module, List<String> fields, String cvid, String sortBy, String sortOrder,
                       Instant modifiedSince, List<String> ids) {

    public CrmQuery {
        Objects.requireNonNull(module, "module");
        fields = fields == null ? List.of() : List.copyOf(fields);
        ids = ids == null ? null : List.copyOf(ids);
        if (ids != null && ids.size() > 100) {
            throw new IllegalArgumentException("CRM reads at most 100 records by id in one call, " + ids.size() + " were asked");
        }
        if (cvid != null && cvid.isBlank()) {
            cvid = null;
        }
        if (cvid != null && sortBy != null) {
            throw new IllegalArgumentException("CRM does not accept cvid together with sort_by (module " + module
                    + ", cvid " + cvid + ", sort_by " + sortBy + ")");
        }
    }

    public static CrmQuery of(String module, List<String> fields) {
        return new CrmQuery(module, fields, null, null, null, null, null);
    }

    /** Only the records of this custom view; null or blank for all. */
    public CrmQuery withView(String cvid) {
        return new CrmQuery(module, fields, cvid, sortBy, sortOrder, modifiedSince, ids);
    }

    /** {@code sortBy} is id, Created_Time or Modified_Time; {@code sortOrder} asc or desc. */
    public CrmQuery sortedBy(String sortBy, String sortOrder) {
        return new CrmQuery(module, fields, cvid, sortBy, sortOrder, modifiedSince, ids);
    }

    /** Only the records of these ids (at most 100: CRM's limit for one call). */
    public CrmQuery withIds(List<String> ids) {
        return new CrmQuery(module, fields, cvid, sortBy, sortOrder, modifiedSince, ids);
    }

    /** Only records modified after this instant; null for all. */
    public CrmQuery modifiedSince(Instant since) {
        return new CrmQuery(module, fields, cvid, sortBy, sortOrder, since, ids);
    }
}
