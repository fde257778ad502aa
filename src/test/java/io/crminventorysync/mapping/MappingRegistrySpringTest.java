package io.crminventorysync.mapping;

import static io.crminventorysync.mapping.MappingTestFiles.copyOfRealMappings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crminventorysync.config.SyncProperties;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The registry as a Spring bean, started by a real SpringApplication (only the settings and the
 * registry, no auto-configuration, so it is quick): the shipped files load, and a broken file stops
 * start-up with the one-line report of {@link MappingFailureAnalyzer}, found through spring.factories.
 */
@ExtendWith(OutputCaptureExtension.class)
class MappingRegistrySpringTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(SyncProperties.class)
    @Import(MappingRegistry.class)
    static class OnlyTheMappings {
    }

    private static ConfigurableApplicationContext start(String mappingsDir) {
        return new SpringApplicationBuilder(OnlyTheMappings.class)
                .web(WebApplicationType.NONE)
                .run("--sync.mappings-dir=" + mappingsDir, "--sync.sandbox.enabled=true");
    }

    @Test
    void theShippedMappingsLoadAsTheBeanNamedMappings() {
        try (ConfigurableApplicationContext context = start("mappings")) {
            MappingRegistry registry = context.getBean("mappings", MappingRegistry.class);
            assertThat(registry.dir()).isEqualTo(Path.of("mappings"));
            assertThat(registry.module("products").record("product").crmModule()).isEqualTo("Products");
        }
    }

    @Test
    void aMisspeltFieldStopsStartUpWithFileLineAndReason(@TempDir Path dir, CapturedOutput output) {
        copyOfRealMappings(dir);
        MappingTestFiles.write(dir, "vendors.xml", MappingTestFiles.mappingFile("vendors", """
                  <record name="vendor" crmModule="Vendors" inventory="contact">
                    <key crm="Vendor_Name" inventory="contact_name"/>
                    <field crm="Vendr_Name" inventory="contact_name" direction="both"/>
                  </record>
                """));

        assertThatThrownBy(() -> start(dir.toString()))
                .isInstanceOf(BeanCreationException.class)
                .rootCause().isInstanceOf(MappingException.class);
        assertThat(output.getOut() + output.getErr())
                .contains("APPLICATION FAILED TO START")
                .contains("Mapping " + dir.resolve("vendors.xml") + " line 5: unknown CRM field 'Vendr_Name' in module Vendors")
                .contains("Fix the named line of the mapping file");
    }
}
