package io.crminventorysync.sync.pull;

import io.crminventorysync.crm.CrmClient;
import io.crminventorysync.crm.CrmPage;
import io.crminventorysync.sync.Binding;
import io.crminventorysync.sync.RecordType;
import io.crminventorysync.sync.RunProgress;
import io.crminventorysync.sync.SyncEnums.CrmSide;
import io.crminventorysync.sync.SyncEnums.DeletePolicy;
import io.crminventorysync.sync.SyncEnums.Flow;
import io.crminventorysync.sync.SyncErrors;
import io.crminventorysync.sync.SyncExchange;
import io.crminventorysync.sync.record.PairRemoval;
import io.crminventorysync.sync.record.RecordMapper;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;

/**
 * Records deleted in CRM (or merged away: CRM lists the merged-away record as deleted) since the
 * run's cursor, all of them in a full pass: each bound one's pair follows the delete policy
 * ({@link PairRemoval#crmGone}). One read a CRM module (CRM answers 204 when none were deleted),
 * taken by every run of a module whose delete policy is PROPAGATE and by every full pass; under
 * RECREATE and UNLINK a CRM deletion changes nothing in Inventory, so a quiet run stays one read and
 * the weekly full pass drops the bindings of deleted records. Deletions are history entries, not
 * records read: they are not in the run's counts.
 */
@Component("deletions")
public class Deletions {

    private final CrmClient crm;
    private final RecordMapper mapper;
    private final PairRemoval removal;
    private final SyncErrors errors;

    public Deletions(CrmClient crm, RecordMapper mapper, PairRemoval removal, SyncErrors errors) {
        this.crm = crm;
        this.mapper = mapper;
        this.removal = removal;
        this.errors = errors;
    }

    public void crmDeleted(@ExchangeProperty(SyncExchange.RUN) RunProgress run) {
        if (!run.dryRun() && !run.crmDeleted().isEmpty()) {
            notified(run);
            return;
        }
        if (run.dryRun() || run.crmScope() != null
                || !run.full() && run.settings().deletePolicy() != DeletePolicy.PROPAGATE) {
            return;
        }
        for (RecordType type : typesOf(run)) {
            Iterator<CrmPage> pages = crm.deletedPages(mapper.mapping(type).crmModule(), "all", run.pullSince());
            while (run.failure() == null && pages.hasNext()) {
                for (Map<String, Object> deleted : pages.next().records()) {
                    gone(run, type, String.valueOf(deleted.get("id")), deleted);
                }
            }
        }
    }

    /**
     * CRM records a notification said were deleted: CRM ids are unique across modules, so each is looked
     * up among the bindings of the run's record types; a bound one's pair follows the delete policy
     * (whatever the policy: Zoho said it is gone, as a full pass would find), an unbound one is nothing to do.
     */
    private void notified(RunProgress run) {
        for (String crmId : run.crmDeleted()) {
            for (RecordType type : typesOf(run)) {
                if (run.failure() != null) {
                    return;
                }
                gone(run, type, crmId, Map.<String, Object>of("id", crmId));
            }
        }
    }

    /** The record types a module's run pulls, in the CRM modules they are read from. */
    static List<RecordType> typesOf(RunProgress run) {
        return switch (run.module()) {
            case ACCOUNTS -> run.settings().crmSide() == CrmSide.ACCOUNTS_AND_CONTACTS
                    ? List.of(RecordType.ACCOUNT, RecordType.PERSON)
                    : run.settings().crmSide() == CrmSide.ACCOUNTS ? List.of(RecordType.ACCOUNT) : List.of(RecordType.INDIVIDUAL);
            case VENDORS -> List.of(RecordType.VENDOR);
            case PRODUCTS -> List.of(RecordType.PRODUCT);
        };
    }

    /** A CRM record gone: a bound one's pair follows the delete policy; an unbound one is nothing to do. */
    private void gone(RunProgress run, RecordType type, String crmId, Map<String, Object> shown) {
        Optional<Binding> binding = removal.bindingOf(type, crmId);
        if (binding.isEmpty()) {
            return;
        }
        try {
            removal.crmGone(run, type, binding.get(), Flow.PULL);
        } catch (RuntimeException e) {
            if (SyncErrors.isFatal(e)) {
                throw e;
            }
            // a deletion that could not be carried: counted read and failed, the next run retries it
            run.add(Flow.PULL, RunProgress.Count.READ);
            errors.record(run, Flow.PULL, crmId, e, shown);
        }
    }
}
