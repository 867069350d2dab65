package siteops.sites;

import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * One site setting, declared once: where it is in the site file, what values it takes, its default, what it
 * means, and the template module variable it sets. The reader, {@code infra/site.schema.json}, the settings
 * table of {@code infra/README.md} and the module call of the generated root are all derived from these.
 *
 * @param path         dotted path in the site file ({@code alarms.cpu_percent})
 * @param kind         the values it takes, and how a wrong one is explained
 * @param defaultValue the value when the field is absent; null when required or when absence means "none"
 * @param required     whether the site file must give it
 * @param variable     the template module's variable it sets, or null when the root uses it elsewhere
 * @param doc          one or two sentences for the schema and the README
 */
public record Setting<T>(String path, Kind<T> kind, T defaultValue, boolean required, String variable, String doc) {

    /** The values a setting takes. {@code problem} answers null for a good value or says what is wrong. */
    public sealed interface Kind<T> permits Text, Choice, WholeNumber, Decimal, TextList {}

    /** A single text value; {@code regex} is also the schema's pattern. */
    public record Text(String regex, Function<String, String> problem) implements Kind<String> {

        /** A value matching {@code regex}; otherwise "must be {@code expected}; got '...'". */
        static Text matching(String regex, String expected) {
            Pattern pattern = Pattern.compile(regex);
            return new Text(regex, value -> pattern.matcher(value).matches() ? null : "must be " + expected + "; got '" + value + "'");
        }

        /** A value matching {@code regex}, with its own explanation of a wrong one (given the value). */
        static Text checked(String regex, Function<String, String> problem) {
            Pattern pattern = Pattern.compile(regex);
            return new Text(regex, value -> pattern.matcher(value).matches() ? null : problem.apply(value));
        }

        /** This kind with one more rule, checked after the pattern. */
        Text and(Function<String, String> rule) {
            return new Text(regex, value -> {
                String wrong = problem.apply(value);
                return wrong != null ? wrong : rule.apply(value);
            });
        }
    }

    /** One of a few words; {@code noun} names them in the problem ("unknown template kind ..."), or null. */
    public record Choice(List<String> values, String noun) implements Kind<String> {
        String problem(String value) {
            if (values.contains(value)) {
                return null;
            }
            return noun == null ? "must be one of " + String.join(", ", values) + "; got '" + value + "'"
                    : "unknown " + noun + " '" + value + "' (known: " + String.join(", ", values) + ")";
        }
    }

    public record WholeNumber(int min, int max) implements Kind<Integer> {}

    public record Decimal(double min, double max) implements Kind<Double> {}

    /** A list of text values, each of {@code item}; {@code whenEmpty} is the problem of an empty list, or null if allowed. */
    public record TextList(Text item, String whenEmpty) implements Kind<List<String>> {}

    // --- declaring ------------------------------------------------------------------------------------------

    static Setting<String> text(String path, Text kind) {
        return new Setting<>(path, kind, null, false, null, "");
    }

    static Setting<String> choice(String path, String... values) {
        return new Setting<>(path, new Choice(List.of(values), null), null, false, null, "");
    }

    static Setting<Integer> wholeNumber(String path, int min, int max) {
        return new Setting<>(path, new WholeNumber(min, max), null, false, null, "");
    }

    static Setting<Double> decimal(String path, double min, double max) {
        return new Setting<>(path, new Decimal(min, max), null, false, null, "");
    }

    static Setting<List<String>> textList(String path, Text item, String whenEmpty) {
        return new Setting<>(path, new TextList(item, whenEmpty), null, false, null, "");
    }

    Setting<T> byDefault(T value) {
        return new Setting<>(path, kind, value, false, variable, doc);
    }

    Setting<T> mandatory() {
        return new Setting<>(path, kind, null, true, variable, doc);
    }

    /** Sets the template module variable {@code name}. */
    Setting<T> variable(String name) {
        return new Setting<>(path, kind, defaultValue, required, name, doc);
    }

    Setting<T> doc(String text) {
        return new Setting<>(path, kind, defaultValue, required, variable, text);
    }

    // --- reading the declaration ----------------------------------------------------------------------------

    /** The mapping the setting sits in ({@code alarms}), or "" for the top level of the site file. */
    String group() {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? "" : path.substring(0, dot);
    }

    /** The setting's own key inside its mapping. */
    String key() {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    /** The value written in Terraform. */
    String hcl(Object value) {
        return switch (kind) {
            case Text text -> value == null ? "null" : HclBody.quote((String) value);
            case Choice choice -> HclBody.quote((String) value);
            case WholeNumber number -> value.toString();
            case Decimal decimal -> RootModule.number((Double) value);
            case TextList list -> {
                @SuppressWarnings("unchecked")
                List<String> items = (List<String>) value;
                yield HclBody.list(items);
            }
        };
    }

    @Override
    public String toString() {
        return path;
    }
}
