package io.crminventorysync.config;

import java.util.stream.Collectors;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.validation.ObjectError;

/**
 * Turns a failed validation of {@link SyncProperties} into one line per bad setting, instead of
 * Spring's generic binding report.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class SettingsFailureAnalyzer extends AbstractFailureAnalyzer<BindValidationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, BindValidationException cause) {
        if (!"sync".equals(cause.getValidationErrors().getName().toString())) {
            return null;
        }
        String lines = cause.getValidationErrors().getAllErrors().stream()
                .map(ObjectError::getDefaultMessage)
                .map(m -> "Invalid setting " + m)
                .collect(Collectors.joining("\n"));
        return new FailureAnalysis(lines,
                "Set the named property (application.yml, -D, or its environment variable) and start again.",
                cause);
    }
}
