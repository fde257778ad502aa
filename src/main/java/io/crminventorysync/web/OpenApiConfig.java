package io.crminventorysync.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description springdoc serves at /v3/api-docs (and Swagger UI at /swagger-ui.html), both
 * behind the operator login: the control plane's endpoints (the README's "Control plane" says the
 * same in prose), with HTTP Basic as their security scheme.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfig {

    @Bean
    OpenAPI controlPlaneApi() {
        return new OpenAPI()
                .info(new Info().title("crm-inventory-sync control plane")
                        .description("Modules, settings, runs and their errors, pause and resume, the transaction modules "
                                + "switch and the audit log. Every error answer is {\"error\", \"field\", \"reason\"}.")
                        .version("v1"))
                .components(new Components().addSecuritySchemes("operator",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                                .description("The operator login, sync.security.username and sync.security.password")))
                .addSecurityItem(new SecurityRequirement().addList("operator"));
    }
}
