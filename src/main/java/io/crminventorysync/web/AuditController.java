package io.crminventorysync.web;

import io.crminventorysync.sync.AuditLog;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit log over HTTP: who changed settings, paused, resumed, synced, switched the transaction modules. */
@RestController
@RequestMapping("/api")
public class AuditController {

    private final AuditLog audit;

    public AuditController(AuditLog audit) {
        this.audit = audit;
    }

    /** A page of the log, newest first: {@code page} from 0, {@code size} 1 to 200 (default 50). */
    @GetMapping("/audit")
    public AuditLog.Page audit(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        if (page < 0) {
            throw new ApiErrors.BadRequestException("page", "page must be 0 or more, was " + page);
        }
        if (size < 1 || size > AuditLog.MAX_PAGE_SIZE) {
            throw new ApiErrors.BadRequestException("size", "size must be 1 to " + AuditLog.MAX_PAGE_SIZE + ", was " + size);
        }
        return audit.page(page, size);
    }
}
