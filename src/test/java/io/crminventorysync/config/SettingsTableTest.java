package io.crminventorysync.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's settings table lists every setting of ours: each property in the configuration
 * metadata the build generates from SyncProperties (and the additional metadata) has its row, with
 * the environment variable Spring maps to it.
 */
class SettingsTableTest {

    @Test
    void everySyncSettingHasItsRowInTheReadme() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (String file : new String[] {"META-INF/spring-configuration-metadata.json",
                "META-INF/additional-spring-configuration-metadata.json"}) {
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(file)) {
                assertThat(in).as(file).isNotNull();
                for (JsonNode p : new ObjectMapper().readTree(in).get("properties")) {
                    String name = p.get("name").asText();
                    if (!name.startsWith("sync.") || name.equals("sync.modules")) {
                        continue; // sync.modules is the map the per-module rows spell out
                    }
                    checked++;
                    if (!readme.contains("| `" + name + "` | `" + SyncProperties.envName(name) + "` |")) {
                        missing.add(name);
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(40);
        assertThat(missing).as("settings without a row in README.md's table").isEmpty();
    }
}
