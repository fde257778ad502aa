package io.crminventorysync.sync.pull;

import io.crminventorysync.config.SyncProperties;
import io.crminventorysync.crm.CrmClient;
import io.crminventorysync.crm.CrmPage;
import io.crminventorysync.crm.CrmQuery;
import io.crminventorysync.mapping.RecordMapping;
import io.crminventorysync.sync.ModuleSettings;
import io.crminventorysync.sync.Rereads;
import io.crminventorysync.sync.RunProgress;
import io.crminventorysync.sync.RunProgress.Count;
import io.crminventorysync.sync.RecordType;
import io.crminventorysync.sync.SyncEnums.Flow;
import io.crminventorysync.sync.SyncExchange;
import io.crminventorysync.sync.SyncModule;
import io.crminventorysync.sync.record.RecordMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;

/**
 * The CRM pages a run reads for one mapping record, one page (at most 200 records) at a time, so a
 * splitter streams them and the module is never held in memory whole.
 */
@Component("crmPages")
public class CrmPages {

    private final CrmClient crm;
    private final RecordMapper mapper;
    private final SyncProperties properties;
    private final Rereads rereads;

    public CrmPages(CrmClient crm, RecordMapper mapper, SyncProperties properties, Rereads rereads) {
        this.rereads = rereads;
        this.crm = crm;
        this.mapper = mapper;
        this.properties = properties;
    }

    /**
     * Pages of the record's CRM module, asking only for the fields the mapping needs, within the
     * module's custom view (its own CRM module's view: never for contacts read as persons, nor for
     * products), changed since the run's cursor when it has one.
     */
    public Iterator<List<Map<String, Object>>> pages(@ExchangeProperty(SyncExchange.RUN) RunProgress run,
            @ExchangeProperty(SyncExchange.RECORD) RecordType type) {
        RecordMapping mapping = mapper.mapping(type);
        CrmQuery query = CrmQuery.of(mapping.crmModule(), fields(mapping, type));
        ModuleSettings settings = run.settings();
        boolean inView = settings.hasView() && type != RecordType.PERSON && run.module() != SyncModule.PRODUCTS;
        Iterator<CrmPage> pages = run.crmScope() != null ? scoped(run.crmScope(), type, query)
                : inView ? crm.pages(since(query.withView(settings.crmViewId()), run.pullSince()))
                : new Windows(query.sortedBy("Modified_Time", "asc"), run.pullSince());
        if (run.crmScope() == null && !run.full()) {
            // then the records of pairs an operator unlinked, changed or not (for accounts with their
            // contacts, the ids are accounts, and their contacts come with them)
            Set<String> unlinked = rereads.take(run.runId(), run.module(), Flow.PULL);
            if (!unlinked.isEmpty()) {
                Iterator<CrmPage> first = pages;
                Iterator<CrmPage> then = scoped(unlinked, type, query);
                pages = new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return first.hasNext() || then.hasNext();
                    }

                    @Override
                    public CrmPage next() {
                        return first.hasNext() ? first.next() : then.next();
                    }
                };
            }
        }
        Iterator<CrmPage> all = pages;
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                // an aborted run (credentials refused, ...) reads no further page
                return run.failure() == null && all.hasNext();
            }

            @Override
            public List<Map<String, Object>> next() {
                List<Map<String, Object>> records = all.next().records();
                run.add(Flow.PULL, Count.READ, records.size());
                return records;
            }
        };
    }
    /**
     * A retry's records, read fresh by id (100 a call); for accounts with their contacts the scope
     * names the accounts, and their contacts come from each account's related list.
     */
    private Iterator<CrmPage> scoped(Set<String> ids, RecordType type, CrmQuery query) {
        List<String> all = new ArrayList<>(ids);
        List<Iterator<CrmPage>> parts = new ArrayList<>();
        if (type == RecordType.PERSON) {
            RecordMapping account = mapper.mapping(RecordType.ACCOUNT);
            for (String accountId : all) {
                parts.add(List.of(new CrmPage(1, crm.relatedRecords(account.crmModule(), accountId, query.module(),
                        query.fields()), false, null)).iterator());
            }
        } else {
            for (int from = 0; from < all.size(); from += 100) {
                parts.add(crm.pages(query.withIds(all.subList(from, Math.min(from + 100, all.size())))));
            }
        }
        return parts.stream().flatMap(p -> java.util.stream.StreamSupport.stream(
                java.util.Spliterators.spliteratorUnknownSize(p, java.util.Spliterator.ORDERED), false)).iterator();
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

    /**
     * The mapping's fields (keys, parent lookup, mapped fields, Modified_Time) plus what the pipeline
     * itself reads of a contact: its creation time, for the primary contact rule.
     */
    static List<String> fields(RecordMapping mapping, RecordType type) {
        List<String> fields = new ArrayList<>(mapping.crmFields());
        if ((type == RecordType.PERSON || type == RecordType.INDIVIDUAL) && !fields.contains("Created_Time")) {
            fields.add("Created_Time");
        }
        return fields;
    }
}
