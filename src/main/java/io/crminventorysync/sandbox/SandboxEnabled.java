package io.crminventorysync.sandbox;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * Marks a sandbox bean: it exists only with {@code sync.sandbox.enabled=true}, so a production
 * service never answers on /sandbox.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ConditionalOnProperty(prefix = "sync.sandbox", name = "enabled", havingValue = "true")
public @interface SandboxEnabled {
}
