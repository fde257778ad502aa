package io.crminventorysync.hooks;

import io.crminventorysync.config.SyncProperties;
import io.crminventorysync.crm.CrmClient;
import io.crminventorysync.crm.CrmPage;
import io.crminventorysync.crm.CrmQuery;
import io.crminventorysync.sync.ModuleLock;
import io.crminventorysync.sync.ModuleSettings;
import io.crminventorysync.sync.ModuleSettingsStore;
import io.crminventorysync.sync.RunClosedEvent;
import io.crminventorysync.sync.RunProgress;
import io.crminventorysync.sync.RunRefusedException;
import io.crminventorysync.sync.RunRequest;
import io.crminventorysync.sync.RunSummary;
import io.crminventorysync.sync.SyncEnums.RunStatus;
import io.crminventorysync.sync.SyncEnums.CrmSide;
import io.crminventorysync.sync.SyncEnums.Flow;
import io.crminventorysync.sync.SyncModule;
import io.crminventorysync.sync.SyncRuns;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The drain of the notification queue (routes/notifications-drain.xml), called by name: which
 * modules have records due (none while notifications are off), one notification run per such module with the records named (read fresh
 * by id, then through the same pull and push as any run), and what the queue keeps afterwards.
 *
 * <p>A run is opened like any other: a paused module, or a run of it going on anywhere in the
 * cluster, refuses it, and the records simply stay queued until it can run. Records of a run that
 * did not succeed stay too, due again after a back-off ({@link #closed}).
 */
@Component("notificationDrain")
public class NotificationDrain {

    /** A change whose notification runs failed this often is left to the worklist and the next scheduled run. */
    public static final int MAX_ATTEMPTS = 5;

    private static final Logger log = LoggerFactory.getLogger(NotificationDrain.class);

    private final NotificationQueue queue;
    private final SyncRuns runs;
    private final ModuleSettingsStore settings;
    private final CrmClient crm;
    private final SyncProperties properties;
    private final ModuleLock lock;
    /** The queued records of this node's notification runs in progress, by run id (the run closes on this node). */
    private final Map<Long, List<NotificationQueue.Entry>> waiting = new java.util.concurrent.ConcurrentHashMap<>();

    public NotificationDrain(NotificationQueue queue, SyncRuns runs, ModuleSettingsStore settings, CrmClient crm,
            SyncProperties properties, ModuleLock lock) {
        this.lock = lock;
        this.queue = queue;
        this.runs = runs;
        this.settings = settings;
        this.crm = crm;
        this.properties = properties;
    }

    /** The enabled modules with queued records due now (ids, for the route's split). */
    public List<String> dueModules() {
        if (!properties.getNotifications().isEnabled()) {
            return List.of();
        }
        return queue.dueModules(System.currentTimeMillis()).stream()
                .filter(m -> properties.module(m.id()).isEnabled()).map(SyncModule::id).toList();
    }

    /**
     * Opens the module's notification run for its due records and puts it on the exchange, or leaves
     * the exchange without a run (nothing to sync, paused, a run in progress, a failure to plan).
     */
    public void open(Exchange exchange, @Body String moduleId) {
        SyncModule module = SyncModule.of(moduleId);
        ModuleSettings moduleSettings = settings.get(module);
        java.time.Instant staleBefore = java.time.Instant.now().minus(properties.getRunLockTimeout());
        boolean running = lock.holder(module).filter(h -> h.heartbeatAt() != null && h.heartbeatAt().isAfter(staleBefore))
                .isPresent();
        if (moduleSettings.paused() || running) {
            // the changes wait in the queue; asked first so a paused module costs no CRM read a tick
            return;
        }
        long now = System.currentTimeMillis();
        List<NotificationQueue.Entry> entries = queue.due(module, now, properties.getNotifications().getMaxRecordsPerRun());
        if (entries.isEmpty()) {
            return;
        }
        RunRequest request;
        try {
            request = plan(module, moduleSettings, entries);
        } catch (RuntimeException e) {
            queue.retryLater(entries, now);
            log.warn("Queued changes of {} could not be planned, tried again later: {}", module, e.getMessage());
            return;
        }
        if (request.crmIds().isEmpty() && request.inventoryIds().isEmpty() && request.crmDeleted().isEmpty()) {
            queue.done(entries);
            return;
        }
        try {
            RunProgress run = runs.open(module, request);
            waiting.put(run.runId(), entries);
            runs.attach(exchange, run);
        } catch (RunRefusedException refused) {
            // paused, or a run of the module is going on: the changes wait in the queue, they are not lost
            log.debug("Queued changes of {} wait: {}", module, refused.getMessage());
        }
    }

    /**
     * After a notification run of this node (whatever way its route ended: a failure handled inside
     * the run route ends the caller's exchange too): its records leave the queue when it succeeded.
     * When the whole run failed, the day's budget stopped it, or records failed in it, they stay and
     * are tried again after a back-off, at most {@link #MAX_ATTEMPTS} times; after that they are left
     * to the worklist and the next scheduled run, which reads every change since the last good one.
     */
    @EventListener
    public void closed(RunClosedEvent event) {
        List<NotificationQueue.Entry> entries = waiting.remove(event.run().id());
        if (entries == null) {
            return;
        }
        RunSummary run = event.run();
        boolean failed = run.status() == RunStatus.FAILED || run.reason() != null
                || run.pullErrorCount() + run.pushErrorCount() > 0;
        if (!failed) {
            queue.done(entries);
            return;
        }
        List<NotificationQueue.Entry> again = entries.stream().filter(e -> e.attempts() + 1 < MAX_ATTEMPTS).toList();
        queue.retryLater(again, System.currentTimeMillis());
        queue.done(entries.stream().filter(e -> e.attempts() + 1 >= MAX_ATTEMPTS).toList());
        log.info("Notification run {} of {} ended {}: its {} queued change(s) are tried again later ({} given up to the"
                + " next scheduled run)", run.id(), run.module(), run.status(), again.size(), entries.size() - again.size());
    }

    /**
     * What the run reads: CRM ids for the pull (for accounts with their contacts, a changed contact
     * names its account, whose whole group is planned again), Inventory ids for a two-way module's
     * push, and the CRM records deleted. Inventory deletions are left to the weekly full pass, as in
     * scheduled runs.
     */
    RunRequest plan(SyncModule module, ModuleSettings s, List<NotificationQueue.Entry> entries) {
        Set<String> crmIds = new LinkedHashSet<>();
        Set<String> inventoryIds = new LinkedHashSet<>();
        Set<String> crmDeleted = new LinkedHashSet<>();
        List<String> contactsOfAccounts = new ArrayList<>();
        CrmSide side = module == SyncModule.ACCOUNTS ? s.crmSide() : null;
        for (NotificationQueue.Entry e : entries) {
            if (e.flow() == Flow.PUSH) {
                if (s.twoWay() && !e.deleted()) {
                    inventoryIds.add(e.recordId());
                }
                continue;
            }
            boolean contact = "Contacts".equals(e.source());
            if (side == CrmSide.ACCOUNTS && contact || side == CrmSide.CONTACTS && !contact) {
                continue; // not a record this module's side reads
            }
            if (e.deleted()) {
                crmDeleted.add(e.recordId());
            } else if (contact && side == CrmSide.ACCOUNTS_AND_CONTACTS) {
                contactsOfAccounts.add(e.recordId());
            } else {
                crmIds.add(e.recordId());
            }
        }
        crmIds.addAll(accountsOf(contactsOfAccounts));
        return RunRequest.notified(crmIds, inventoryIds, crmDeleted);
    }

    /** The CRM accounts the contacts belong to now, read 100 contacts a call; a contact with no account has none. */
    private Set<String> accountsOf(List<String> contactIds) {
        Set<String> accounts = new LinkedHashSet<>();
        for (int from = 0; from < contactIds.size(); from += 100) {
            List<String> batch = contactIds.subList(from, Math.min(from + 100, contactIds.size()));
            Iterator<CrmPage> pages = crm.pages(CrmQuery.of("Contacts", List.of("Account_Name")).withIds(batch));
            while (pages.hasNext()) {
                for (Map<String, Object> contact : pages.next().records()) {
                    if (contact.get("Account_Name") instanceof Map<?, ?> account && account.get("id") != null) {
                        accounts.add(account.get("id").toString());
                    }
                }
            }
        }
        return accounts;
    }
}
