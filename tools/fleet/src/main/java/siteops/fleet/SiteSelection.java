package siteops.fleet;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Expands {@code --site} shell globs against the {@code siteops:site} values of running instances (SSM matches tag
 * values exactly, so globs never reach it), and splits the values into SendCommand-sized batches.
 */
public final class SiteSelection {
    /** SSM accepts at most 50 values for one tag key in Targets. */
    public static final int MAX_VALUES_PER_COMMAND = 50;

    /** The chosen site names (sorted) and the patterns that matched nothing. */
    public record Expansion(List<String> sites, List<String> unmatched) {}

    private SiteSelection() {}

    public static Expansion expand(List<String> patterns, Collection<String> runningSites) {
        TreeSet<String> chosen = new TreeSet<>();
        List<String> unmatched = new ArrayList<>();
        for (String pattern : patterns) {
            Pattern regex = globToRegex(pattern);
            List<String> hits = runningSites.stream().filter(site -> regex.matcher(site).matches()).toList();
            if (hits.isEmpty()) {
                unmatched.add(pattern);
            }
            chosen.addAll(hits);
        }
        return new Expansion(List.copyOf(chosen), List.copyOf(unmatched));
    }

    /** Shell glob semantics for one name: {@code *} any run, {@code ?} one character, {@code [a-c]} / {@code [!a]} classes. */
    static Pattern globToRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                case '[' -> {
                    int close = glob.indexOf(']', i + 2);
                    if (close < 0) {
                        regex.append("\\[");
                    } else {
                        String inside = glob.substring(i + 1, close);
                        // Site names hold only [a-z0-9-], so the class's text is safe in a regex as it is.
                        regex.append('[').append(inside.startsWith("!") ? "^" + inside.substring(1) : inside).append(']');
                        i = close;
                    }
                }
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }

    /** Consecutive batches of at most {@link #MAX_VALUES_PER_COMMAND} values, one SendCommand each. */
    public static List<List<String>> batches(List<String> values) {
        List<List<String>> batches = new ArrayList<>();
        for (int from = 0; from < values.size(); from += MAX_VALUES_PER_COMMAND) {
            batches.add(List.copyOf(values.subList(from, Math.min(values.size(), from + MAX_VALUES_PER_COMMAND))));
        }
        return batches;
    }
}
