package io.crminventorysync.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The records one CRM action changed, by module and operation (insert, update, delete): what the
 * notifications of that action report. One API call gives one notification per module and
 * operation, carrying all its ids, as Zoho's callbacks carry an {@code ids} array.
 */
final class CrmChanges {

    static final String INSERT = "insert";
    static final String UPDATE = "update";
    static final String DELETE = "delete";

    private final Map<String, Map<String, List<Long>>> byModule = new LinkedHashMap<>();

    void add(String module, String operation, long id) {
        byModule.computeIfAbsent(module, m -> new LinkedHashMap<>())
                .computeIfAbsent(operation, o -> new ArrayList<>())
                .add(id);
    }

    boolean isEmpty() {
        return byModule.isEmpty();
    }

    /** Module to operation to ids, in the order they happened. */
    Map<String, Map<String, List<Long>>> byModule() {
        return byModule;
    }
}
