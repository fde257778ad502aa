package io.crminventorysync.web;

import io.crminventorysync.config.SecuritySettings;
import io.crminventorysync.config.SyncProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.info.InfoEndpoint;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who may use the service: one operator account from {@code sync.security.*}, through two filter
 * chains (three with the sandbox):
 *
 * <ol>
 * <li><b>API clients</b> (curl, scripts, Prometheus, Jolokia clients): /api, the actuator except
 * Hawtio, /v3/api-docs and the sandbox's admin API, when the request carries no live session
 * cookie. HTTP Basic only, stateless: no session is created or read, so nothing a browser sends on
 * its own authenticates it and there is no CSRF to check. 401 with {@code WWW-Authenticate: Basic}
 * and the API's error shape for anyone without valid credentials, whatever the method.</li>
 * <li><b>Browsers</b>: everything else, and any request with a live session (Hawtio and its
 * Jolokia calls, Swagger UI, the console to come). Form login, a session cookie that is HttpOnly,
 * SameSite=Strict and Secure over TLS, and CSRF on every change with no exemption (Hawtio sends the
 * XSRF-TOKEN cookie back as X-XSRF-TOKEN).</li>
 * <li><b>The sandbox's simulated Zoho APIs</b> (demo and tests only): open, stateless; they check
 * their own OAuth tokens as Zoho does.</li>
 * </ol>
 *
 * <p>Both login ways go through the {@link LoginThrottle}. Health and info stay open for load
 * balancers (details only for the operator); Hawtio's proxy to other JVMs is closed.
 */
@Configuration
public class SecurityConfig {

    @Bean
    @Order(1)
    SecurityFilterChain sandboxApis(HttpSecurity http, SyncProperties properties) throws Exception {
        boolean sandbox = properties.getSandbox().isEnabled();
        // without the sandbox this chain matches nothing and the paths fall to the browser chain (login)
        http.securityMatcher(request -> sandbox && isSimulatedZoho(SecurityPaths.path(request)));
        http.authorizeHttpRequests(auth -> auth.anyRequest().permitAll());
        http.csrf(csrf -> csrf.disable());
        http.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        http.securityContext(c -> c.securityContextRepository(new RequestAttributeSecurityContextRepository()));
        http.requestCache(c -> c.requestCache(new NullRequestCache()));
        return http.build();
    }

    /**
     * Zoho's calls to /hooks/** (CRM notifications, the Inventory workflow webhook): no login and no
     * session (each hook checks its own token or shared secret in constant time), no CSRF (no browser
     * session is ever read), bodies limited by sync.notifications.max-body-size ({@link #hookBodyLimit}).
     */
    @Bean
    @Order(0)
    SecurityFilterChain zohoHooks(HttpSecurity http) throws Exception {
        http.securityMatcher(request -> SecurityPaths.isHook(request));
        http.authorizeHttpRequests(auth -> auth.anyRequest().permitAll());
        http.csrf(csrf -> csrf.disable());
        http.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        http.securityContext(c -> c.securityContextRepository(new RequestAttributeSecurityContextRepository()));
        http.requestCache(c -> c.requestCache(new NullRequestCache()));
        http.addFilterBefore(new RequestGuard(), BasicAuthenticationFilter.class);
        return http.build();
    }

    /** The request-body limit of /hooks/** (Zoho's callbacks carry ids only). */
    @Bean
    FilterRegistrationBean<ApiBodyLimit> hookBodyLimit(SyncProperties properties) {
        FilterRegistrationBean<ApiBodyLimit> filter = new FilterRegistrationBean<>(
                new ApiBodyLimit(properties.getNotifications().getMaxBodySize().toBytes(), "sync.notifications.max-body-size"));
        filter.addUrlPatterns("/hooks/*");
        return filter;
    }

    @Bean
    @Order(2)
    SecurityFilterChain apiClients(HttpSecurity http, AuthenticationManager operatorLogin) throws Exception {
        RequestMatcher apiClients = request -> SecurityPaths.isApiClientPath(request) && !SecurityPaths.hasLiveSession(request);
        ApiSecurityHandlers.EntryPoint entryPoint = new ApiSecurityHandlers.EntryPoint();
        http.securityMatcher(apiClients);
        http.authenticationManager(operatorLogin);
        http.authorizeHttpRequests(auth -> {
            auth.requestMatchers(EndpointRequest.to(HealthEndpoint.class, InfoEndpoint.class)).permitAll();
            auth.anyRequest().authenticated();
        });
        http.httpBasic(basic -> basic.realmName(ApiErrorBody.REALM).authenticationEntryPoint(entryPoint));
        http.csrf(csrf -> csrf.disable());
        http.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        http.securityContext(c -> c.securityContextRepository(new RequestAttributeSecurityContextRepository()));
        http.requestCache(c -> c.requestCache(new NullRequestCache()));
        http.exceptionHandling(e -> e.authenticationEntryPoint(entryPoint).accessDeniedHandler(new ApiSecurityHandlers.Denied()));
        http.addFilterBefore(new RequestGuard(), BasicAuthenticationFilter.class);
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain browsers(HttpSecurity http, AuthenticationManager operatorLogin) throws Exception {
        http.authenticationManager(operatorLogin);
        http.authorizeHttpRequests(auth -> {
            auth.requestMatchers(EndpointRequest.to(HealthEndpoint.class, InfoEndpoint.class)).permitAll();
            auth.requestMatchers("/error").permitAll();
            // Hawtio's proxy would let the browser reach other JVMs' Jolokia through this server
            auth.requestMatchers(SecurityPaths.HAWTIO + "/proxy/**").denyAll();
            auth.anyRequest().authenticated();
        });
        SimpleUrlAuthenticationFailureHandler wrongPassword = new SimpleUrlAuthenticationFailureHandler("/login?error");
        http.formLogin(form -> form.permitAll().failureHandler((request, response, failure) -> {
            if (failure instanceof LoginThrottledException throttled) {
                // the default login page only ever says "Invalid credentials": say why, and for how long
                response.setStatus(429);
                response.setHeader("Retry-After", String.valueOf(throttled.retryAfterSeconds()));
                response.setContentType("text/html;charset=UTF-8");
                response.getWriter().write("<!DOCTYPE html><html lang=\"en\"><head><title>Too many failed logins</title>"
                        + "</head><body><p>" + throttled.getMessage() + ".</p><p><a href=\"login\">Back to the login</a>"
                        + "</p></body></html>");
                return;
            }
            wrongPassword.onAuthenticationFailure(request, response, failure);
        }));
        http.csrf(csrf -> {
            CookieCsrfTokenRepository tokens = CookieCsrfTokenRepository.withHttpOnlyFalse();
            // page scripts (Hawtio, Swagger UI) read it to send it back as X-XSRF-TOKEN; no other site gets it
            tokens.setCookieCustomizer(cookie -> cookie.sameSite("Strict"));
            csrf.csrfTokenRepository(tokens);
            // The token is read by page scripts from the cookie; the plain handler accepts it as is.
            csrf.csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler());
        });
        ApiSecurityHandlers.EntryPoint apiEntryPoint = new ApiSecurityHandlers.EntryPoint();
        http.exceptionHandling(e -> e
                .defaultAuthenticationEntryPointFor(apiEntryPoint, SecurityPaths::isApiClientPath)
                .accessDeniedHandler(new ApiSecurityHandlers.Denied()));
        http.addFilterBefore(new RequestGuard(), CsrfFilter.class);
        http.addFilterAfter(new CsrfCookieFilter(), BasicAuthenticationFilter.class);
        // Hawtio runs in a frame of its own pages only.
        http.headers(headers -> headers.frameOptions(frame -> frame.sameOrigin()));
        return http.build();
    }

    /** The operator login both chains use: the in-memory operator behind the login throttle. */
    @Bean
    AuthenticationManager operatorLogin(UserDetailsService operators, PasswordEncoder encoder, LoginThrottle throttle) {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(operators);
        passwords.setPasswordEncoder(encoder);
        return new ProviderManager(new ThrottledAuthenticationProvider(passwords, throttle));
    }

    @Bean
    UserDetailsService operators(SyncProperties properties, PasswordEncoder encoder) {
        SecuritySettings s = properties.getSecurity();
        return new InMemoryUserDetailsManager(User.withUsername(s.getUsername())
                // An encoded password ({bcrypt}..., as Spring Security writes it) is taken as given.
                .password(s.getPassword().matches("^\\{[A-Za-z0-9-]+}.+") ? s.getPassword() : encoder.encode(s.getPassword()))
                .roles("OPERATOR")
                .build());
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /** The request-body limit of /api and the sandbox's admin API (a servlet filter behind security). */
    @Bean
    FilterRegistrationBean<ApiBodyLimit> apiBodyLimit(SyncProperties properties) {
        FilterRegistrationBean<ApiBodyLimit> filter = new FilterRegistrationBean<>(
                new ApiBodyLimit(properties.getSecurity().getMaxRequestSize().toBytes()));
        filter.addUrlPatterns("/api/*", "/sandbox/_admin/*");
        return filter;
    }

    private static boolean isSimulatedZoho(String path) {
        return path.startsWith("/sandbox/crm/") || path.startsWith("/sandbox/inventory/")
                || path.startsWith("/sandbox/accounts/");
    }

    /**
     * Spring Security creates the CSRF token lazily, so a page that only GETs would never receive
     * the XSRF-TOKEN cookie that Hawtio's scripts send back as X-XSRF-TOKEN; touching it writes it.
     */
    static final class CsrfCookieFilter extends OncePerRequestFilter {
        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
            if (token != null) {
                token.getToken();
            }
            chain.doFilter(request, response);
        }
    }
}
