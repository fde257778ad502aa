package io.crminventorysync.sandbox;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The Zoho accounts token endpoint (a client's accounts-url is {host}/sandbox/accounts). */
@RestController
@SandboxEnabled
public class SandboxOAuthController {

    private final SandboxAuth auth;
    private final SandboxKnobs knobs;
    private final SandboxStats stats;

    public SandboxOAuthController(SandboxAuth auth, SandboxKnobs knobs, SandboxStats stats) {
        this.auth = auth;
        this.knobs = knobs;
        this.stats = stats;
    }

    @PostMapping("/sandbox/accounts/oauth/v2/token")
    public ResponseEntity<Object> token(HttpServletRequest request) {
        stats.increment("oauth");
        stats.increment("oauth.refresh");
        String clientId = request.getParameter("client_id");
        String clientSecret = request.getParameter("client_secret");
        String basic = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (clientId == null && basic != null && basic.startsWith("Basic ")) {
            String decoded = new String(Base64.getDecoder().decode(basic.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon > 0) {
                clientId = decoded.substring(0, colon);
                clientSecret = decoded.substring(colon + 1);
            }
        }
        if (!"refresh_token".equals(request.getParameter("grant_type"))) {
            stats.increment("oauth.invalid");
            return SandboxGate.json(200, Map.of("error", "unsupported_grant_type"));
        }
        String[] issued = new String[1];
        SandboxAuth.Refresh outcome = auth.refresh(clientId, clientSecret, request.getParameter("refresh_token"), issued);
        switch (outcome) {
            case THROTTLED -> {
                stats.increment("oauth.throttled");
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("error_description", "You have made too many requests continuously. Please try again after some time.");
                body.put("error", "Access Denied");
                body.put("status", "failure");
                return SandboxGate.json(400, body);
            }
            case INVALID_CLIENT -> {
                stats.increment("oauth.invalid");
                return SandboxGate.json(200, Map.of("error", "invalid_client"));
            }
            case INVALID_CODE -> {
                stats.increment("oauth.invalid");
                return SandboxGate.json(200, Map.of("error", "invalid_code"));
            }
            default -> {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("access_token", issued[0]);
                // The client appends /crm/v7 and /inventory/v1 to api_domain, as with www.zohoapis.com.
                body.put("api_domain", ServletUriComponentsBuilder.fromCurrentContextPath().path("/sandbox").toUriString());
                body.put("token_type", "Bearer");
                body.put("expires_in", knobs.getTokenLifetimeSeconds());
                return SandboxGate.json(200, body);
            }
        }
    }
}
