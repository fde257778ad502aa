package io.crminventorysync.crm;

import java.util.List;
import java.util.Map;

/**
 * One page of CRM records, each a map keyed by field API name as CRM sent it (lookups are nested maps
 * such as {@code {"name":"Acme","id":"..."}}). {@code number} counts pages of this listing from 1,
 * whether they were reached by page number or by page token.
 */
public record CrmPage(int number, List<Map<String, Object>> records, boolean moreRecords, String nextPageToken) {
}
