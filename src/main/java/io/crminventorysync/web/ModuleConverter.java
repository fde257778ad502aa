package io.crminventorysync.web;

import io.crminventorysync.sync.SyncModule;
import org.springframework.core.convert.converter.Converter;
import org.springframework.stereotype.Component;

/**
 * {@code /api/modules/{module}} paths name a module by its id; an unknown id is refused with 404
 * naming it (UnknownModuleException, see ApiErrors).
 */
@Component
public class ModuleConverter implements Converter<String, SyncModule> {

    @Override
    public SyncModule convert(String id) {
        return SyncModule.of(id);
    }
}
