package io.crminventorysync.http;

import io.crminventorysync.config.SyncProperties;
import java.net.http.HttpClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one HTTP client of the service; its connection pool is shared by OAuth, CRM and Inventory calls. */
@Configuration(proxyBeanMethods = false)
public class HttpClientConfig {

    @Bean
    public HttpClient zohoHttpClient(SyncProperties properties) {
        return HttpClient.newBuilder()
                .connectTimeout(properties.getHttp().getConnectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }
}
