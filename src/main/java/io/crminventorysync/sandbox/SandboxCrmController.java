package io.crminventorysync.sandbox;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Zoho CRM v7 URLs, served under /sandbox/crm/v7 (a client's api-url is {host}/sandbox/crm/v7). */
@RestController
@SandboxEnabled
@RequestMapping("/sandbox/crm/v7")
public class SandboxCrmController {

    /** Writes above this many records count against Zoho's heavy-call sub-concurrency. */
    private static final int HEAVY_WRITE = 10;

    private final SandboxGate gate;
    private final SandboxCrm crm;
    private final SandboxWatch watch;
    private final SandboxCrmFields fields;

    public SandboxCrmController(SandboxGate gate, SandboxCrm crm, SandboxWatch watch, SandboxCrmFields fields) {
        this.gate = gate;
        this.crm = crm;
        this.watch = watch;
        this.fields = fields;
    }

    @GetMapping("/settings/fields")
    public ResponseEntity<Object> fields(HttpServletRequest request) {
        return gate.crm(request, false, () -> fields.fields(params(request)));
    }

    @GetMapping("/settings/fields/{id}")
    public ResponseEntity<Object> field(HttpServletRequest request, @PathVariable String id) {
        return gate.crm(request, false, () -> fields.field(id, params(request)));
    }

    @PostMapping("/actions/watch")
    public ResponseEntity<Object> enableNotifications(HttpServletRequest request,
                                                      @RequestBody(required = false) String body) {
        return gate.crm(request, false, () -> watch.enable(body, apiBase()));
    }

    @GetMapping("/actions/watch")
    public ResponseEntity<Object> notifications(HttpServletRequest request) {
        return gate.crm(request, false, () -> watch.list(params(request)));
    }

    @PutMapping("/actions/watch")
    public ResponseEntity<Object> replaceNotifications(HttpServletRequest request,
                                                       @RequestBody(required = false) String body) {
        return gate.crm(request, false, () -> watch.replace(body, apiBase()));
    }

    @PatchMapping("/actions/watch")
    public ResponseEntity<Object> changeNotifications(HttpServletRequest request,
                                                      @RequestBody(required = false) String body) {
        return gate.crm(request, false, () -> watch.patch(body, apiBase()));
    }

    @DeleteMapping("/actions/watch")
    public ResponseEntity<Object> disableNotifications(HttpServletRequest request) {
        return gate.crm(request, false, () -> watch.disable(request.getParameter("channel_ids")));
    }

    @GetMapping("/settings/custom_views")
    public ResponseEntity<Object> customViews(HttpServletRequest request) {
        return gate.crm(request, false, () -> crm.customViews(params(request)));
    }

    @GetMapping("/settings/custom_views/{id}")
    public ResponseEntity<Object> customView(HttpServletRequest request, @PathVariable String id) {
        return gate.crm(request, false, () -> crm.customView(id, params(request)));
    }

    @GetMapping("/{module}")
    public ResponseEntity<Object> list(HttpServletRequest request, @PathVariable String module,
                                       @RequestHeader(name = "If-Modified-Since", required = false) String since) {
        Map<String, String> params = params(request);
        return gate.crm(request, params.containsKey("cvid"), () -> crm.list(module, params, since));
    }

    @GetMapping("/{module}/search")
    public ResponseEntity<Object> search(HttpServletRequest request, @PathVariable String module) {
        return gate.crm(request, true, () -> crm.search(module, params(request)));
    }

    @GetMapping("/{module}/deleted")
    public ResponseEntity<Object> deleted(HttpServletRequest request, @PathVariable String module,
                                          @RequestHeader(name = "If-Modified-Since", required = false) String since) {
        return gate.crm(request, false, () -> crm.deleted(module, params(request), since));
    }

    @GetMapping("/{module}/{id}")
    public ResponseEntity<Object> getOne(HttpServletRequest request, @PathVariable String module, @PathVariable String id) {
        return gate.crm(request, false, () -> crm.getOne(module, id, params(request)));
    }

    @GetMapping("/{module}/{id}/{related}")
    public ResponseEntity<Object> related(HttpServletRequest request, @PathVariable String module,
                                          @PathVariable String id, @PathVariable String related,
                                          @RequestHeader(name = "If-Modified-Since", required = false) String since) {
        return gate.crm(request, false, () -> crm.related(module, id, related, params(request), since));
    }

    @PostMapping("/{module}")
    public ResponseEntity<Object> insert(HttpServletRequest request, @PathVariable String module,
                                         @RequestBody(required = false) String body) {
        return write(request, module, SandboxCrm.Mode.INSERT, body, null);
    }

    @PutMapping("/{module}")
    public ResponseEntity<Object> updateMany(HttpServletRequest request, @PathVariable String module,
                                             @RequestBody(required = false) String body) {
        return write(request, module, SandboxCrm.Mode.UPDATE, body, null);
    }

    @PutMapping("/{module}/{id}")
    public ResponseEntity<Object> updateOne(HttpServletRequest request, @PathVariable String module,
                                            @PathVariable String id, @RequestBody(required = false) String body) {
        return write(request, module, SandboxCrm.Mode.UPDATE, body, id);
    }

    @PostMapping("/{module}/upsert")
    public ResponseEntity<Object> upsert(HttpServletRequest request, @PathVariable String module,
                                         @RequestBody(required = false) String body) {
        return write(request, module, SandboxCrm.Mode.UPSERT, body, null);
    }

    @DeleteMapping("/{module}")
    public ResponseEntity<Object> delete(HttpServletRequest request, @PathVariable String module) {
        return gate.crm(request, false, () -> crm.delete(module, request.getParameter("ids"), SandboxUser.API_USER));
    }

    @DeleteMapping("/{module}/{id}")
    public ResponseEntity<Object> deleteOne(HttpServletRequest request, @PathVariable String module,
                                            @PathVariable String id) {
        return gate.crm(request, false, () -> crm.delete(module, id, SandboxUser.API_USER));
    }

    @RequestMapping("/**")
    public ResponseEntity<Object> unknown(HttpServletRequest request) {
        return gate.crm(request, false, () -> {
            throw CrmError.of(404, "INVALID_URL_PATTERN", "Please check if the URL trying to access is a correct one");
        });
    }

    private ResponseEntity<Object> write(HttpServletRequest request, String module, SandboxCrm.Mode mode, String body,
                                         String id) {
        SandboxCrm.WriteBody parsed = crm.parseBody(body);
        // A write of records costs one credit per ten records (at least one).
        int credits = Math.max(1, (parsed.size() + 9) / 10);
        return gate.crm(request, parsed.size() > HEAVY_WRITE, credits,
                () -> crm.write(module, mode, parsed, id, SandboxUser.API_USER));
    }

    /** This sandbox's CRM API URL, as notifications name it in resource_uri. */
    private static String apiBase() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().path("/sandbox/crm/v7").toUriString();
    }

    /** First value of each query parameter; Zoho reads single values. */
    static Map<String, String> params(HttpServletRequest request) {
        Map<String, String> out = new LinkedHashMap<>();
        request.getParameterMap().forEach((k, v) -> {
            if (v.length > 0) {
                out.put(k, v[0]);
            }
        });
        return out;
    }
}
