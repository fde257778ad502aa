package io.crminventorysync.sync;

import java.util.concurrent.ExecutorService;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.support.RoutePolicySupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Route policy of the schedule routes ({@code <module>-sync}, {@code routePolicyRef="pauseOnSuspend"}):
 * suspending such a route (Hawtio, Jolokia, JMX) pauses its module through
 * {@link ModuleControl#pause}, resuming it resumes the module. Suspending a Quartz route alone would
 * only stop this node's consumer while the clustered trigger kept firing on the other nodes; the shared pause
 * flag is what every node honours.
 *
 * <p>A pause the rules refuse puts the route back at once (from another thread: the suspend is
 * still in progress when the policy hears of it) and logs why. The other way round, every few
 * seconds each node brings its schedule routes in line with the shared flag, so Hawtio shows a
 * module paused over HTTP as suspended and a module resumed on another node starts firing here again.
 */
@Component("pauseOnSuspend")
public class PauseOnSuspend extends RoutePolicySupport {

    private static final Logger log = LoggerFactory.getLogger(PauseOnSuspend.class);
    private static final String SUFFIX = "-sync";

    /** Set while this class itself changes a route's state: those changes must not echo into the flag. */
    private static final ThreadLocal<Boolean> OWN_CHANGE = ThreadLocal.withInitial(() -> false);

    private final ModuleControl control;
    private final ModuleSettingsStore settings;
    private final CamelContext camel;
    private ExecutorService undo;

    private final AuditLog audit;

    public PauseOnSuspend(ModuleControl control, ModuleSettingsStore settings, CamelContext camel,
            AuditLog audit) {
        this.audit = audit;
        this.control = control;
        this.settings = settings;
        this.camel = camel;
    }

    @Override
    public void onSuspend(Route route) {
        SyncModule module = module(route);
        if (module == null || OWN_CHANGE.get()) {
            return;
        }
        try {
            pause(module, route, "suspending");
        } catch (ControlRefusedException refused) {
            log.warn("Route {} suspended, but {}; resuming the route", route.getRouteId(), refused.getMessage());
            undoExecutor().submit(() -> own(() -> camel.getRouteController().resumeRoute(route.getRouteId())));
        }
    }

    @Override
    public void onResume(Route route) {
        SyncModule module = module(route);
        if (module == null || OWN_CHANGE.get()) {
            return;
        }
        resume(module, route, "resuming");
    }

    /**
     * Hawtio's Routes tab offers Stop and Start, not Suspend: stopping a schedule route pauses its
     * module on every node, under the same rules as any pause (a refusal starts the route again), and
     * starting it resumes the module. Routes stopped because Camel itself stops are no pause.
     */
    @Override
    public void onStop(Route route) {
        SyncModule module = module(route);
        if (module == null || OWN_CHANGE.get() || camel.isStopping() || !camel.isStarted()) {
            return;
        }
        try {
            pause(module, route, "stopping");
        } catch (ControlRefusedException refused) {
            log.warn("Route {} stopped, but {}; starting the route again", route.getRouteId(), refused.getMessage());
            undoExecutor().submit(() -> own(() -> camel.getRouteController().startRoute(route.getRouteId())));
        }
    }

    @Override
    public void onStart(Route route) {
        SyncModule module = module(route);
        if (module == null || OWN_CHANGE.get() || !camel.isStarted()) {
            return;
        }
        resume(module, route, "starting");
    }

    /** Pauses the module for a route change made over JMX (Hawtio, Jolokia), written to the audit log. */
    private void pause(SyncModule module, Route route, String how) {
        boolean was = settings.get(module).paused();
        control.pause(module, "paused by " + how + " route " + route.getRouteId());
        if (!was) {
            audit.record(AuditLog.jmxActor(), AuditLog.PAUSED, module.id(), "route " + route.getRouteId(), how + " the route");
        }
    }

    private void resume(SyncModule module, Route route, String how) {
        boolean was = settings.get(module).paused();
        control.resume(module, "resumed by " + how + " route " + route.getRouteId());
        if (was) {
            audit.record(AuditLog.jmxActor(), AuditLog.RESUMED, module.id(), "route " + route.getRouteId(), how + " the route");
        }
    }

    /** Brings this node's schedule routes in line with the shared pause flags. */
    @Scheduled(fixedDelayString = "${sync.route-state-interval:5s}", initialDelayString = "${sync.route-state-interval:5s}")
    public void reconcile() {
        if (!camel.isStarted()) {
            return;
        }
        for (ModuleSettings s : settings.all()) {
            String routeId = s.module().id() + SUFFIX;
            ServiceStatus status = camel.getRouteController().getRouteStatus(routeId);
            if (status == null) {
                continue;
            }
            try {
                if (s.paused() && status.isStarted()) {
                    own(() -> camel.getRouteController().suspendRoute(routeId));
                    log.info("Route {} suspended: module {} is paused", routeId, s.module());
                } else if (!s.paused() && status.isSuspended()) {
                    own(() -> camel.getRouteController().resumeRoute(routeId));
                    log.info("Route {} resumed: module {} is not paused", routeId, s.module());
                } else if (!s.paused() && status.isStopped() && s.enabled()) {
                    own(() -> camel.getRouteController().startRoute(routeId));
                    log.info("Route {} started: module {} is not paused", routeId, s.module());
                }
            } catch (Exception e) {
                log.warn("Route {} not brought in line with the pause flag: {}", routeId, e.getMessage());
            }
        }
    }

    private interface RouteChange {
        void run() throws Exception;
    }

    private static Void own(RouteChange change) throws Exception {
        OWN_CHANGE.set(true);
        try {
            change.run();
            return null;
        } finally {
            OWN_CHANGE.set(false);
        }
    }

    private synchronized ExecutorService undoExecutor() {
        if (undo == null) {
            undo = camel.getExecutorServiceManager().newSingleThreadExecutor(this, "route-pause-undo");
        }
        return undo;
    }

    private static SyncModule module(Route route) {
        String id = route.getRouteId();
        if (id == null || !id.endsWith(SUFFIX)) {
            return null;
        }
        String name = id.substring(0, id.length() - SUFFIX.length());
        return SyncModule.ids().contains(name) ? SyncModule.of(name) : null;
    }
}
