package io.crminventorysync.sync;

/**
 * The names of the exchange properties the sync routes and beans share, in one place. The routes
 * (routes/*.xml) spell the same names; the beans read them through Camel's parameter binding
 * ({@code @ExchangeProperty(SyncExchange.RUN)}).
 */
public final class SyncExchange {

    /** The {@link RunProgress} of the run the exchange belongs to. */
    public static final String RUN = "syncRun";
    /** The run's id: survives the aggregation repository, which keeps the body only. */
    public static final String RUN_ID = "syncRunId";
    /** The {@link RecordType} being read or written (set in the routes before a module's pages are read). */
    public static final String RECORD = "syncRecord";
    /** The id of the record being handled (CRM id on a pull, Inventory id on a push), for the error channel. */
    public static final String RECORD_ID = "syncRecordId";
    /** The name of the record being handled (an account's name, a contact's), for the worklist's search. */
    public static final String RECORD_NAME = "syncRecordName";
    /** {@link SyncEnums.Flow}: PULL or PUSH; errors are recorded against it. */
    public static final String FLOW = "syncFlow";
    /** The module's {@link SyncEnums.Direction}: ONE_WAY or TWO_WAY; the run routes push only when TWO_WAY. */
    public static final String DIRECTION = "syncDirection";
    /** The accounts module's {@link SyncEnums.CrmSide}. */
    public static final String SIDE = "syncSide";
    /** The route each record of a CRM page goes to ({@code routes/pull-lane.xml}). */
    public static final String NEXT = "syncNext";
    /** The {@code PushPage} being written: its customers' contact persons follow their accounts. */
    public static final String PUSH_PAGE = "syncPushPage";
    /** The plan of an account group while its account and persons are written. */
    public static final String GROUP = "syncGroup";

    private SyncExchange() {
    }
}
