package io.crminventorysync.sync.pull;

import io.crminventorysync.config.SyncProperties;
import io.crminventorysync.crm.CrmClient;
import io.crminventorysync.crm.CrmPage;
import io.crminventorysync.crm.CrmQuery;
import io.crminventorysync.mapping.RecordMapping;
import io.crminventorysync.sync.ModuleSettings;
import io.crminventorysync.sync.RunProgress;
import io.crminventorysync.sync.RunProgress.Count;
import io.crminventorysync.sync.SyncEnums.SyncDirection;
import io.crminventorysync.sync.SyncRuns;
import java.time.Instant;
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
    private final SyncProperties properties;

    public CrmPages(CrmClient crm, PullSteps steps, SyncRuns runs, SyncProperties properties) {
        this.crm = crm;
        this.steps = steps;
        this.runs = runs;
        this.properties = properties;
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
        boolean inView = settings.hasView() && !"person".equals(record) && !"products".equals(run.module());
        Iterator<CrmPage> pages = inView
                ? crm.pages(since(query.withView(settings.crmViewId()), run.pullSince()))
                : new Windows(query.sortedBy("Modified_Time", "asc"), run.pullSince());
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                // an aborted run (credentials refused, ...) reads no further page
                return run.failure() == null && pages.hasNext();
            }

            @Override
            public List<Map<String, Object>> next() {
                List<Map<String, Object>> records = pages.next().records();
                run.add(SyncDirection.PULL, Count.READ, records.size());
                return records;
            }
        };
    }

    private static CrmQuery since(CrmQuery query, Instant since) {
        return since == null ? query : query.modifiedSince(since);
    }

    /**
     * Zoho CRM hands out at most 100,000 records to one paged query (then PAGINATION_LIMIT_EXCEEDED).
     * Read oldest change first and, before that limit, start a new query modified since the last
     * record's second: the records of that second are read twice, which the idempotent repository
     * absorbs. A custom view cannot be sorted (cvid with sort_by is refused), so a view of more than
     * 100,000 records ends with Zoho's own error.
     */
    final class Windows implements Iterator<CrmPage> {

        private final CrmQuery query;
        private Instant windowSince;
        private Iterator<CrmPage> current;
        private int readInWindow;
        private Instant lastModified;
        private final int window = properties.getCrm().getMaxRecordsPerQuery();

        Windows(CrmQuery query, Instant since) {
            this.query = query;
            this.windowSince = since;
            this.current = crm.pages(since(query, since));
        }

        @Override
        public boolean hasNext() {
            if (readInWindow + CrmClient.PAGE_SIZE > window && current.hasNext()) {
                Instant next = lastModified.minusSeconds(1);
                if (windowSince != null && !next.isAfter(windowSince)) {
                    throw new IllegalStateException("more than " + window + " CRM " + query.module()
                            + " records were modified within one second (" + lastModified + "); they cannot be paged");
                }
                windowSince = next;
                current = crm.pages(since(query, next));
                readInWindow = 0;
            }
            return current.hasNext();
        }

        @Override
        public CrmPage next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            CrmPage page = current.next();
            readInWindow += page.records().size();
            if (!page.records().isEmpty()) {
                Instant t = CrmClient.parseTime(page.records().get(page.records().size() - 1).get("Modified_Time"));
                if (t != null) {
                    lastModified = t;
                }
            }
            return page;
        }
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
