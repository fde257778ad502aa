package io.crminventorysync.web;

import io.crminventorysync.sync.RunSummary;
import io.crminventorysync.sync.SyncModule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.crminventorysync.support.SyncTestSupport;
import io.crminventorysync.sync.ModuleJmx;
import io.crminventorysync.sync.SyncEnums.Trigger;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The same control through JMX: the module MBean, and Hawtio's route suspend as Jolokia sends it.
 * Either way the pause is the shared flag: instant sync refused, scheduled fires skipped.
 */
@Tag("sql")
class ControlJmxTest extends SyncTestSupport {

    @Autowired ModuleJmx jmx;
    @Autowired CamelContext camel;
    @Autowired Scheduler quartz;

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    private void assertPausedEverywhere(SyncModule module) throws Exception {
        assertThat(settings.get(module).paused()).isTrue();
        ResponseEntity<JsonNode> sync = api().postForEntity("/api/modules/" + module + "/sync", null, JsonNode.class);
        assertThat(sync.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(sync.getBody().get("reason").asText()).isEqualTo("PAUSED");
        ScheduleProbe.fire(quartz, module.id());
        assertThat(runs.history(module, 50)).noneMatch(r -> r.trigger() == Trigger.SCHEDULE);
    }

    private JsonNode jolokia(String routeId, String operation) {
        String mbean = "org.apache.camel:context=" + camel.getManagementName() + ",type=routes,name=\"" + routeId + "\"";
        ResponseEntity<JsonNode> r = api().postForEntity("/actuator/jolokia",
                Map.of("type", "exec", "mbean", mbean, "operation", operation), JsonNode.class);
        assertThat(r.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(r.getBody().get("status").asInt()).as("jolokia answer %s", r.getBody()).isEqualTo(200);
        return r.getBody();
    }

    private long invoke(ObjectName mbean, String operation) {
        try {
            return (Long) server.invoke(mbean, operation, null, null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private ServiceStatus route(String routeId) {
        return camel.getRouteController().getRouteStatus(routeId);
    }

    @Test
    void theModuleMBeanPausesResumesSyncsAndFollowsTheRules() throws Exception {
        server.invoke(jmx.name(SyncModule.PRODUCTS), "pause", new Object[] {"stock count"}, new String[] {String.class.getName()});
        assertThat(server.getAttribute(jmx.name(SyncModule.PRODUCTS), "Paused")).isEqualTo(true);
        assertThat((String) server.getAttribute(jmx.name(SyncModule.PRODUCTS), "State")).contains("paused", "stock count");
        assertPausedEverywhere(SyncModule.PRODUCTS);

        server.invoke(jmx.name(SyncModule.PRODUCTS), "resume", null, null);
        assertThat(settings.get(SyncModule.PRODUCTS).paused()).isFalse();
        RunSummary run = startAndWait(SyncModule.PRODUCTS, () -> invoke(jmx.name(SyncModule.PRODUCTS), "syncNow"));
        assertThat(run.trigger()).isEqualTo(Trigger.INSTANT);

        assertThatThrownBy(() -> server.invoke(jmx.name(SyncModule.ACCOUNTS), "pause", new Object[] {"x"},
                new String[] {String.class.getName()})).hasStackTraceContaining("cannot be paused");
        assertThat(settings.get(SyncModule.ACCOUNTS).paused()).isFalse();
    }

    /** What Hawtio shows of the module MBean: every attribute and operation in words, parameters by name. */
    @Test
    void theModuleMBeanDescribesItsAttributesOperationsAndParameters() throws Exception {
        javax.management.MBeanInfo info = server.getMBeanInfo(jmx.name(SyncModule.VENDORS));
        assertThat(info.getDescription()).contains("sync module");
        assertThat(info.getAttributes()).hasSize(7).allSatisfy(a ->
                assertThat(a.getDescription()).as(a.getName()).doesNotStartWith("Attribute exposed").hasSizeGreaterThan(20));
        assertThat(info.getOperations()).extracting(javax.management.MBeanOperationInfo::getName)
                .containsExactlyInAnyOrder("pause", "resume", "syncNow");
        assertThat(info.getOperations()).allSatisfy(o ->
                assertThat(o.getDescription()).as(o.getName()).doesNotStartWith("Operation exposed").hasSizeGreaterThan(20));
        javax.management.MBeanParameterInfo reason = java.util.Arrays.stream(info.getOperations())
                .filter(o -> o.getName().equals("pause")).findFirst().orElseThrow().getSignature()[0];
        assertThat(reason.getName()).isEqualTo("reason");
        assertThat(reason.getDescription()).contains("Why the module is paused");
    }

    @Test
    void suspendingTheScheduleRouteThroughJolokiaPausesTheModuleAndResumingResumesIt() throws Exception {
        jolokia("vendors-sync", "suspend()");
        assertThat(settings.get(SyncModule.VENDORS).pausedReason()).contains("suspending route vendors-sync");
        assertThat(route("vendors-sync")).isEqualTo(ServiceStatus.Suspended);
        assertPausedEverywhere(SyncModule.VENDORS);

        jolokia("vendors-sync", "resume()");
        assertThat(settings.get(SyncModule.VENDORS).paused()).isFalse();
        assertThat(route("vendors-sync")).isEqualTo(ServiceStatus.Started);
        ScheduleProbe.fire(quartz, "vendors");
        assertThat(runs.history(SyncModule.VENDORS, 50)).anyMatch(r -> r.trigger() == Trigger.SCHEDULE);
    }

    @Test
    void aRefusedRouteSuspendLeavesTheRouteRunningAndTheModuleUnpaused() {
        jolokia("accounts-sync", "suspend()");
        await().atMost(Duration.ofSeconds(10)).until(() -> route("accounts-sync") == ServiceStatus.Started);
        assertThat(settings.get(SyncModule.ACCOUNTS).paused()).isFalse();

        control.setTransactionModules(true);
        jolokia("products-sync", "suspend()");
        await().atMost(Duration.ofSeconds(10)).until(() -> route("products-sync") == ServiceStatus.Started);
        assertThat(settings.get(SyncModule.PRODUCTS).paused()).isFalse();
    }

    @Test
    void aPauseOverHttpShowsAsASuspendedRouteOnTheNode() {
        assertThat(api().postForEntity("/api/modules/vendors/pause", null, JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        await().atMost(Duration.ofSeconds(15)).until(() -> route("vendors-sync") == ServiceStatus.Suspended);
        assertThat(settings.get(SyncModule.VENDORS).paused()).isTrue();
        api().postForEntity("/api/modules/vendors/resume", null, JsonNode.class);
        await().atMost(Duration.ofSeconds(15)).until(() -> route("vendors-sync") == ServiceStatus.Started);
        assertThat(settings.get(SyncModule.VENDORS).paused()).isFalse();
    }

    /** Hawtio's Routes tab has Stop and Start: on a schedule route they pause and resume its module. */
    @Test
    void stoppingAScheduleRoutePausesItsModuleAndNeverTurnsHealthDown() throws Exception {
        jolokia("vendors-sync", "stop()");
        assertThat(settings.get(SyncModule.VENDORS).paused()).isTrue();
        assertThat(settings.get(SyncModule.VENDORS).pausedReason()).contains("stopping route vendors-sync");
        ResponseEntity<JsonNode> health = api().getForEntity("/actuator/health", JsonNode.class);
        assertThat(health.getStatusCode()).as(String.valueOf(health.getBody())).isEqualTo(HttpStatus.OK);
        assertThat(health.getBody().get("status").asText()).isEqualTo("UP");
        assertPausedEverywhere(SyncModule.VENDORS);

        jolokia("vendors-sync", "start()");
        assertThat(settings.get(SyncModule.VENDORS).paused()).isFalse();
        assertThat(route("vendors-sync")).isEqualTo(ServiceStatus.Started);

        jolokia("accounts-sync", "stop()");
        await().atMost(Duration.ofSeconds(10)).until(() -> route("accounts-sync") == ServiceStatus.Started);
        assertThat(settings.get(SyncModule.ACCOUNTS).paused()).as("accounts cannot be paused").isFalse();
    }
}
