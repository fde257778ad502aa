package io.crminventorysync.web;

import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;

/** Fires a module's real Quartz job now, as its cron would (camel-quartz names the job like the trigger). */
final class ScheduleProbe {

    private ScheduleProbe() {
    }

    static void fire(Scheduler quartz, String module) throws SchedulerException {
        quartz.triggerJob(JobKey.jobKey(module, "sync"));
    }
}
