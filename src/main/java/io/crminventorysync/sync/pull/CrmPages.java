package io.crminventorysync.sync.pull;

import io.crminventorysync.crm.CrmClient;
import io.crminventorysync.crm.CrmPage;
import io.crminventorysync.crm.CrmQuery;
import io.crminventorysync.mapping.RecordMapping;
import io.crminventorysync.sync.ModuleSettings;
import io.crminventorysync.sync.RunProgress;
import io.crminventorysync.sync.RunProgress.Count;
import io.crminventorysync.sync.SyncEnums.SyncDirection;
import io.crminventorysync.sync.SyncRuns;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * The CRM pages a run reads for one mapping record, one page (at most 200 records) at a time, so a
 * splitter streams them and the module is never held in memory whole.
 */
@Component("crmPages")
public class CrmPages {

    private final CrmClient crm;
    private final PullSteps steps;
    private final SyncRuns runs;

    public CrmPages(CrmClient crm, PullSteps steps, SyncRuns runs) {
        this.crm = crm;
        this.steps = steps;
        this.runs = runs;
    }

    /**
     * Pages of the record's CRM module, asking only for the fields the mapping needs, within the
     * module's custom view (its own CRM module's view: never for contacts read as persons, nor for
     * products), changed since the run's cursor when it has one.
     */
    public Iterator<List<Map<String, Object>>> pages(Exchange exchange, String record) {
        RunProgress run = runs.progress(exchange);
        exchange.setProperty(PullSteps.RECORD, record);
        RecordMapping mapping = steps.mapping(run.module(), record);
        CrmQuery query = CrmQuery.of(mapping.crmModule(), fields(mapping, record));
        ModuleSettings settings = run.settings();
        if (settings.hasView() && !"person".equals(record) && !"products".equals(run.module())) {
            query = query.withView(settings.crmViewId());
        }
        if (run.pullSince() != null) {
            query = query.modifiedSince(run.pullSince());
        }
        Iterator<CrmPage> pages = crm.pages(query);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return pages.hasNext();
            }

            @Override
            public List<Map<String, Object>> next() {
                List<Map<String, Object>> records = pages.next().records();
                for (int i = 0; i < records.size(); i++) {
                    run.add(SyncDirection.PULL, Count.READ);
                }
                return records;
            }
        };
    }

    /** The mapping's fields plus what the pipeline itself reads: the creation time (primary contact rule). */
    static List<String> fields(RecordMapping mapping, String record) {
        List<String> fields = new ArrayList<>(mapping.crmFields());
        if (("person".equals(record) || "individual".equals(record)) && !fields.contains("Created_Time")) {
            fields.add("Created_Time");
        }
        if ("person".equals(record) && !fields.contains("Account_Name")) {
            fields.add("Account_Name");
        }
        return fields;
    }
}
