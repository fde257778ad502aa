package io.crminventorysync.web;

import io.crminventorysync.config.SyncProperties;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.info.InfoEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.filter.OncePerRequestFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;

/**
 * Who may use the service: one operator account from {@code sync.security.*}. {@code /api}, Hawtio
 * and Jolokia need it (HTTP Basic for tools, a login form for browsers); health and info stay open
 * for load balancers; {@code /sandbox} is open only when the sandbox runs (it checks its own OAuth
 * tokens, like the Zoho APIs it simulates).
 *
 * <p>CSRF: a browser session (login form, cookie) must send the token Spring puts in the
 * {@code XSRF-TOKEN} cookie; a request that carries its own {@code Authorization} header cannot be
 * forged by another site (browsers never add that header on their own), so API clients using Basic
 * auth need no token.
 */
@Configuration
public class SecurityConfig {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, SyncProperties properties) throws Exception {
        boolean sandbox = properties.getSandbox().isEnabled();
        http.authorizeHttpRequests(auth -> {
            auth.requestMatchers(EndpointRequest.to(HealthEndpoint.class, InfoEndpoint.class)).permitAll();
            if (sandbox) {
                auth.requestMatchers("/sandbox/**").permitAll();
            }
            auth.requestMatchers("/error").permitAll();
            auth.anyRequest().authenticated();
        });
        http.httpBasic(Customizer.withDefaults());
        http.formLogin(Customizer.withDefaults());
        http.csrf(csrf -> {
            csrf.csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse());
            // The token is read by page scripts from the cookie; the plain handler accepts it as is.
            csrf.csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler());
            csrf.ignoringRequestMatchers(request -> request.getHeader(HttpHeaders.AUTHORIZATION) != null);
            if (sandbox) {
                csrf.ignoringRequestMatchers("/sandbox/**");
            }
        });
        http.addFilterAfter(new CsrfCookieFilter(), BasicAuthenticationFilter.class);
        // Hawtio runs in a frame of its own pages only.
        http.headers(headers -> headers.frameOptions(frame -> frame.sameOrigin()));
        return http.build();
    }

    @Bean
    UserDetailsService operators(SyncProperties properties, PasswordEncoder encoder) {
        SyncProperties.Security s = properties.getSecurity();
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
