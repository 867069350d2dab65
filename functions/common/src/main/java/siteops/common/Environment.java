package siteops.common;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Reads configuration from environment variables once, at init. Every failure names the variable.
 * Tests pass a map instead of the process environment.
 */
public final class Environment {
    private final UnaryOperator<String> source;

    private Environment(UnaryOperator<String> source) {
        this.source = source;
    }

    public static Environment system() {
        return new Environment(System::getenv);
    }

    public static Environment of(Map<String, String> variables) {
        return new Environment(variables::get);
    }

    public String required(String name, String hint) {
        String value = source.apply(name);
        if (value == null || value.isBlank()) {
            throw new ConfigurationException(Messages.variableNotSet(name, hint));
        }
        return value.trim();
    }

    public String optional(String name, String fallback) {
        String value = source.apply(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    /** An absolute http(s) URL without a trailing slash. */
    public URI url(String name, String fallback) {
        String value = optional(name, fallback);
        try {
            URI uri = new URI(value);
            if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new ConfigurationException(Messages.notAnHttpUrl(name, value));
            }
            return value.endsWith("/") ? new URI(value.substring(0, value.length() - 1)) : uri;
        } catch (URISyntaxException e) {
            throw new ConfigurationException(Messages.notAUrl(name, e.getReason()));
        }
    }

    public int integer(String name, int fallback, int min, int max) {
        String value = optional(name, null);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < min || parsed > max) {
                throw new ConfigurationException(Messages.outOfRange(name, min, max, parsed));
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new ConfigurationException(Messages.notAWholeNumber(name, value));
        }
    }

    /** "true" or "false" (any case); anything else is an error naming the variable, never a silent false. */
    public boolean flag(String name, boolean fallback) {
        String value = optional(name, null);
        if (value == null) {
            return fallback;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigurationException(Messages.notAFlag(name, value));
        };
    }

    public Duration seconds(String name, Duration fallback, int minSeconds, int maxSeconds) {
        String value = optional(name, null);
        return value == null ? fallback : Duration.ofSeconds(integer(name, 0, minSeconds, maxSeconds));
    }
}
