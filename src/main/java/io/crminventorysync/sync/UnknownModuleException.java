package io.crminventorysync.sync;

/** A module name that is not one of {@link SyncModule} (HTTP: 404). */
public class UnknownModuleException extends IllegalArgumentException {

    public UnknownModuleException(String module) {
        super("unknown module '" + module + "', expected one of " + SyncModule.ids());
    }
}
