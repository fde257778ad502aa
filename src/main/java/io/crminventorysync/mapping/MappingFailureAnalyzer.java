package io.crminventorysync.mapping;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A broken mapping file stops start-up with its file, line and reason on one line, not a stack trace. */
public class MappingFailureAnalyzer extends AbstractFailureAnalyzer<MappingException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MappingException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Fix the named line of the mapping file (mappings/mapping.xsd describes the format) and start again.",
                cause);
    }
}
