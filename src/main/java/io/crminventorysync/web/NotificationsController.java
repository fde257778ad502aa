package io.crminventorysync.web;

import io.crminventorysync.hooks.NotificationStatus;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Near-real-time sync over HTTP: the CRM notification channel and the queue of changes waiting. */
@RestController
@RequestMapping("/api")
public class NotificationsController {

    private final NotificationStatus status;

    public NotificationsController(NotificationStatus status) {
        this.status = status;
    }

    /** The channel (state, expiry, renewal, last notification, last error; never its token) and the queue per module. */
    @GetMapping("/notifications")
    public Map<String, Object> notifications() {
        return status.status();
    }
}
