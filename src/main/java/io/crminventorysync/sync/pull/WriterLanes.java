package io.crminventorysync.sync.pull;

import io.crminventorysync.http.InventoryPace;
import io.crminventorysync.sync.RecordType;
import io.crminventorysync.sync.SyncExchange;
import io.crminventorysync.sync.record.RecordMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;

/**
 * A page of independent records cut into lanes, written side by side (routes/pull-pages.xml, routes/pull-lane.xml), as
 * many as the budget and Inventory's answer time need ({@link InventoryPace#writers()}). Records of
 * one key (the CRM key field, e.g. two accounts of one name) share a lane, so they are written one
 * after the other, in CRM's order, as before.
 */
@Component("writerLanes")
public class WriterLanes {

    private final InventoryPace pace;
    private final RecordMapper mapper;

    public WriterLanes(InventoryPace pace, RecordMapper mapper) {
        this.pace = pace;
        this.mapper = mapper;
    }

    public List<List<Map<String, Object>>> lanes(@Body List<Map<String, Object>> page,
            @ExchangeProperty(SyncExchange.RECORD) RecordType type) {
        int n = Math.max(1, Math.min(pace.writers(), page.size()));
        List<List<Map<String, Object>>> lanes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            lanes.add(new ArrayList<>());
        }
        String keyField = mapper.mapping(type).crmKeyField();
        for (Map<String, Object> record : page) {
            Object key = keyField == null ? null : record.get(keyField);
            String k = key == null ? String.valueOf(record.get("id")) : key.toString().trim().toLowerCase(Locale.ROOT);
            lanes.get(Math.floorMod(k.hashCode(), n)).add(record);
        }
        lanes.removeIf(List::isEmpty);
        return lanes;
    }
}
