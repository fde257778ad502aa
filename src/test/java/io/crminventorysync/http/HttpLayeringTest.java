package io.crminventorysync.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code auth} sits above {@code http}: the OAuth provider uses the HTTP client's pieces, and the
 * client reaches the provider only through {@link AccessTokenSource}. A reference the other way
 * (import or fully qualified) would make the two packages a cycle again.
 */
class HttpLayeringTest {

    @Test
    void theHttpPackageNeverNamesTheAuthPackage() throws IOException {
        Path http = Path.of("src/main/java/io/crminventorysync/http");
        List<Path> offenders;
        try (Stream<Path> files = Files.list(http)) {
            offenders = files.filter(f -> f.toString().endsWith(".java")).filter(f -> {
                try {
                    return Files.readString(f).contains("io.crminventorysync.auth");
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        }
        assertThat(http).isDirectory();
        assertThat(offenders).as("http sources naming the auth package").isEmpty();
    }
}
