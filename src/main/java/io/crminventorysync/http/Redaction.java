package io.crminventorysync.http;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts anything token-shaped out of text that came from upstream (Zoho error messages, bodies, I/O
 * errors) before it becomes an exception message, a run message or an API answer: an upstream that
 * echoes our request must not make us repeat a token or a secret.
 *
 * <p>Shapes: {@code Zoho-oauthtoken <token>}; {@code Bearer}/{@code Basic <credentials>}; Zoho's
 * {@code 1000.<hex>[.<hex>]} access and refresh tokens; {@code client_secret=}, {@code refresh_token=},
 * {@code access_token=}, {@code code=}, {@code password=} in forms and URLs; the same names as JSON
 * keys. What is cut becomes {@code [redacted]}; the rest of the text stays readable.
 */
public final class Redaction {

    public static final String REDACTED = "[redacted]";

    private static final List<Rule> RULES = List.of(
            // a whole Authorization header line or value
            new Rule("(?i)\\b(Authorization\\s*[:=]\\s*)(?:Zoho-oauthtoken|Bearer|Basic)?\\s*[^\\s,;\"']+", "$1" + REDACTED),
            new Rule("(?i)\\b(Zoho-oauthtoken)(\\s+)[^\\s,;\"']+", "$1$2" + REDACTED),
            // credentials, not words: "Basic plan" stays, "Basic dXNlcjpwYXNzd29yZA==" goes
            new Rule("\\b(Bearer|Basic)(\\s+)[A-Za-z0-9+/=._~-]{12,}", "$1$2" + REDACTED),
            // Zoho tokens: 1000. followed by a long run of letters and digits (never a price like 1000.50)
            new Rule("\\b1000\\.[0-9A-Za-z]{16,}(?:\\.[0-9A-Za-z]+)*", REDACTED),
            new Rule("(?i)\\b(client_secret|refresh_token|access_token|code|password|token)=[^&\\s\"',;]+", "$1=" + REDACTED),
            new Rule("(?i)(\"(?:client_secret|refresh_token|access_token|password|token)\"\\s*:\\s*)\"[^\"]*\"",
                    "$1\"" + REDACTED + "\""));

    private Redaction() {
    }

    /** The text with every token-shaped part replaced; null stays null. */
    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (Rule rule : RULES) {
            out = rule.apply(out);
        }
        return out;
    }

    private record Rule(Pattern pattern, String replacement) {
        Rule(String regex, String replacement) {
            this(Pattern.compile(regex), replacement);
        }

        String apply(String text) {
            Matcher m = pattern.matcher(text);
            return m.find() ? m.replaceAll(replacement) : text;
        }
    }
}
