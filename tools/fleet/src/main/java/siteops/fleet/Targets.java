package siteops.fleet;

import java.util.List;

/**
 * Which instances a command is for, by the tags every generated resource carries: {@code siteops:site} (values may
 * be shell globs, expanded against running instances before sending), {@code siteops:env}, or every instance with
 * a {@code siteops:site} tag.
 */
public record Targets(Kind kind, List<String> values) {
    public static final String SITE_TAG = "siteops:site";
    public static final String ENV_TAG = "siteops:env";

    public enum Kind { SITES, ENV, ALL }

    public static Targets sites(List<String> patterns) {
        return new Targets(Kind.SITES, List.copyOf(patterns));
    }

    public static Targets env(String env) {
        return new Targets(Kind.ENV, List.of(env));
    }

    public static Targets all() {
        return new Targets(Kind.ALL, List.of());
    }

    /** The tags looked for, as a user reads them: {@code siteops:site=campaign-*,news}. */
    public String describe() {
        return switch (kind) {
            case SITES -> SITE_TAG + "=" + String.join(",", values);
            case ENV -> ENV_TAG + "=" + values.getFirst();
            case ALL -> "any " + SITE_TAG;
        };
    }
}
