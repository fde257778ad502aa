package io.crminventorysync.sync;

import io.crminventorysync.config.SyncProperties;

/** A module name that is not one of {@link SyncProperties#MODULES} (HTTP: 404). */
public class UnknownModuleException extends IllegalArgumentException {

    public UnknownModuleException(String module) {
        super("unknown module '" + module + "', expected one of " + SyncProperties.MODULES);
    }
}
