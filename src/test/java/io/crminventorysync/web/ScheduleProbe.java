package io.crminventorysync.web;

import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.listeners.JobListenerSupport;
import org.quartz.impl.matchers.KeyMatcher;

/**
 * Fires a module's real Quartz job now, as its cron would (camel-quartz names the job like the
 * trigger), and returns once Quartz says the job ran: by then the schedule route has opened its run
 * and run it, or refused it (paused, running elsewhere), or dropped the fire (route suspended).
 */
final class ScheduleProbe {

    private ScheduleProbe() {
    }

    static void fire(Scheduler quartz, String module) throws SchedulerException, InterruptedException {
        JobKey job = JobKey.jobKey(module, "sync");
        CountDownLatch executed = new CountDownLatch(1);
        String name = "probe-" + UUID.randomUUID();
        quartz.getListenerManager().addJobListener(new JobListenerSupport() {
            @Override
            public String getName() {
                return name;
            }

            @Override
            public void jobWasExecuted(JobExecutionContext context, JobExecutionException failure) {
                executed.countDown();
            }
        }, KeyMatcher.keyEquals(job));
        try {
            quartz.triggerJob(job);
            if (!executed.await(60, TimeUnit.SECONDS)) {
                throw new AssertionError("the Quartz job of " + module + " did not run within 60 s");
            }
        } finally {
            quartz.getListenerManager().removeJobListener(name);
        }
    }
}
