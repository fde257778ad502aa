package io.crminventorysync.sync;

import java.util.Map;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanParameterInfo;
import javax.management.StandardMBean;

/**
 * A module's MBean as JMX clients (Hawtio, jconsole, Jolokia's list) show it: the module, each
 * attribute and operation described in words, and the operations' parameters named ("reason",
 * not "p1"). A plain {@link StandardMBean} has neither: reflection does not keep parameter names.
 */
final class DescribedModuleMBean extends StandardMBean {

    private static final Map<String, String> ATTRIBUTES = Map.of(
            "Module", "The module's id: accounts, vendors or products.",
            "Paused", "True while the module is paused: its schedule does not fire and instant syncs are refused.",
            "PausedReason", "Why and by whom the module was paused, or empty when it is not.",
            "RunningRunId", "The id of the module's run in progress anywhere in the cluster, or -1.",
            "LastRunStatus", "Status of the module's last run (RUNNING, SUCCEEDED, PARTIAL, FAILED), or empty before the first.",
            "NextRunAt", "When the module's schedule fires next (ISO-8601, UTC), or empty when it is paused or off.",
            "State", "One line for humans: paused or not, the run in progress, the last run and the next one.");

    private static final Map<String, String> OPERATIONS = Map.of(
            "pause", "Pause the module on every node: its schedule stops firing and instant syncs are refused."
                    + " Refused for accounts while the transaction modules are on (the same rules as the HTTP API).",
            "resume", "Resume the module on every node: its schedule fires again.",
            "syncNow", "Instant sync: start a run of the module now (what changed since the last good run) and"
                    + " return its id; refused while the module is paused or a run of it is in progress.");

    DescribedModuleMBean(ModuleMBean bean) {
        super(bean, ModuleMBean.class, false);
    }

    @Override
    protected String getDescription(MBeanInfo info) {
        return "One sync module of crm-inventory-sync: its state, and pause, resume and instant sync under the"
                + " same rules as the HTTP API (GET /api/modules/{module}).";
    }

    @Override
    protected String getDescription(MBeanAttributeInfo info) {
        return ATTRIBUTES.getOrDefault(info.getName(), info.getDescription());
    }

    @Override
    protected String getDescription(MBeanOperationInfo info) {
        return OPERATIONS.getOrDefault(info.getName(), info.getDescription());
    }

    @Override
    protected String getParameterName(MBeanOperationInfo op, MBeanParameterInfo param, int sequence) {
        return "pause".equals(op.getName()) && sequence == 0 ? "reason" : super.getParameterName(op, param, sequence);
    }

    @Override
    protected String getDescription(MBeanOperationInfo op, MBeanParameterInfo param, int sequence) {
        return "pause".equals(op.getName()) && sequence == 0
                ? "Why the module is paused, kept with the pause and in the audit log (may be empty)."
                : super.getDescription(op, param, sequence);
    }
}
