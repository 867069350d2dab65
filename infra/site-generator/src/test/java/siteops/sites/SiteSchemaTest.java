package siteops.sites;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * infra/site.schema.json (what editors are told) agrees with SiteReader (what the generator accepts): the same
 * fields at every level, the same required fields per template, the same defaults, bounds and enum values. The
 * reader is asked, not read: its known fields come from its "unknown field (known here: ...)" answer, its
 * required fields from "missing (required)", its defaults from the Site it returns.
 */
class SiteSchemaTest {

    /** Every field, with values other than the defaults. */
    private static final String FULL = """
            template: movabletype
            project: news
            env: stg
            region: eu-west-1
            domain: www.example.jp
            aliases: [example.jp]
            route53_zone: example.jp
            pagerduty_secret: siteops/pagerduty/news
            slack:
              team_id: T07EA123LEP
              channel_id: C07EZ1ABC23
            instance:
              type: t3.medium
              volume_gb: 40
            backup:
              schedule: cron(0 19 ? * * *)
              retention_days: 30
            alarms:
              cpu_percent: 85
              alb_5xx_per_5min: 20
              latency_seconds: 2.5
              rate_limit_per_5min: 3000
            canary:
              path: /index.html
              interval_minutes: 10
            admin:
              path: /cms/
              allow_cidrs: [203.0.113.0/24]
            """;

    /** Optional fields whose absence means "none", so the schema rightly states no default. */
    private static final Set<String> NO_DEFAULT = Set.of("route53_zone");

    private static final String PROBE = "zz_not_a_field";

    private static JsonNode schema;

    @BeforeAll
    static void readSchema() throws IOException {
        schema = new ObjectMapper().readTree(Repository.ROOT.resolve("infra/site.schema.json").toFile());
    }

    // --- documents -------------------------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private static Map<String, Object> full() {
        return (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(FULL);
    }

    /** The full document as an archive site: without the fields that template refuses. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> archive() {
        Map<String, Object> doc = full();
        doc.put("template", "archive");
        doc.keySet().removeAll(Set.of("instance", "backup", "admin"));
        ((Map<String, Object>) doc.get("alarms")).keySet().removeAll(Set.of("cpu_percent", "alb_5xx_per_5min", "latency_seconds"));
        return doc;
    }

    private static Map<String, Object> base(String template) {
        return template.equals("archive") ? archive() : full();
    }

    /** The mapping holding {@code path}'s last part (created when absent), or null when a parent is not a mapping. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> parent(Map<String, Object> doc, String path) {
        Map<String, Object> at = doc;
        String[] parts = path.split("\\.");
        for (int i = 0; i < parts.length - 1; i++) {
            Object next = at.computeIfAbsent(parts[i], key -> new LinkedHashMap<String, Object>());
            if (!(next instanceof Map)) {
                return null;
            }
            at = (Map<String, Object>) next;
        }
        return at;
    }

    private static String last(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    private static Map<String, Object> without(Map<String, Object> doc, String path) {
        parent(doc, path).remove(last(path));
        return doc;
    }

    private static Map<String, Object> with(Map<String, Object> doc, String path, Object value) {
        parent(doc, path).put(last(path), value);
        return doc;
    }

    private static List<Problem> problems(Map<String, Object> doc) {
        List<Problem> problems = new ArrayList<>();
        SiteReader.read("sites/news.yaml", "news", new Dump(DumpSettings.builder().build()).dumpToString(doc), problems);
        return problems;
    }

    private static Optional<Site> site(Map<String, Object> doc) {
        List<Problem> problems = new ArrayList<>();
        Optional<Site> site = SiteReader.read("sites/news.yaml", "news", new Dump(DumpSettings.builder().build()).dumpToString(doc), problems);
        assertEquals(List.of(), problems);
        return site;
    }

    // --- schema ----------------------------------------------------------------------------------------------

    /** Every property of the schema at every level, by dotted path, in schema order. */
    private static Map<String, JsonNode> schemaProperties() {
        Map<String, JsonNode> all = new LinkedHashMap<>();
        collect(schema, "", all);
        return all;
    }

    private static void collect(JsonNode object, String prefix, Map<String, JsonNode> into) {
        object.path("properties").properties().forEach(property -> {
            into.put(prefix + property.getKey(), property.getValue());
            if (property.getValue().has("properties")) {
                collect(property.getValue(), prefix + property.getKey() + ".", into);
            }
        });
    }

    private static JsonNode schemaObject(String level) {
        return level.isEmpty() ? schema : schemaProperties().get(level);
    }

    private static Set<String> names(JsonNode array) {
        Set<String> names = new TreeSet<>();
        array.forEach(name -> names.add(name.asText()));
        return names;
    }

    /** Required fields of a template as the schema states them, by dotted path. */
    private static Set<String> schemaRequired(String template) {
        Set<String> required = new TreeSet<>(names(schema.path("required")));
        String conditional = schema.path("if").path("properties").path("template").path("const").asText();
        required.addAll(names(schema.path(template.equals(conditional) ? "then" : "else").path("required")));
        schemaProperties().forEach((path, node) -> names(node.path("required")).forEach(name -> required.add(path + "." + name)));
        return required;
    }

    private static Object javaValue(JsonNode value) {
        return new ObjectMapper().convertValue(value, Object.class);
    }

    // --- tests -----------------------------------------------------------------------------------------------

    @Test
    void theFullDocumentsAreValid() {
        assertEquals(List.of(), problems(full()));
        assertEquals(List.of(), problems(archive()));
    }

    /** Levels to compare: the root, every object in the schema, every mapping in the full document. */
    private static Set<String> levels() {
        Set<String> levels = new TreeSet<>(List.of(""));
        schemaProperties().forEach((path, node) -> {
            if (node.has("properties")) {
                levels.add(path);
            }
        });
        full().forEach((key, value) -> {
            if (value instanceof Map) {
                levels.add(key);
            }
        });
        return levels;
    }

    /** The fields the reader knows in the mapping at {@code level}, from its answer to an unknown field. */
    private static Set<String> readerFields(String level) {
        String probe = level.isEmpty() ? PROBE : level + "." + PROBE;
        List<Problem> problems = problems(with(full(), probe, 1));
        Problem unknown = problems.stream().filter(problem -> problem.field().equals(probe)).findFirst()
                .orElseThrow(() -> new AssertionError("the reader accepted the unknown field " + probe + ": " + problems));
        String prefix = "unknown field (known here: ";
        assertTrue(unknown.message().startsWith(prefix) && unknown.message().endsWith(")"), unknown.toString());
        return new TreeSet<>(List.of(unknown.message().substring(prefix.length(), unknown.message().length() - 1).split(", ")));
    }

    @Test
    void theSchemaAndTheReaderKnowTheSameFieldsAtEveryLevel() {
        for (String level : levels()) {
            JsonNode object = schemaObject(level);
            Set<String> inSchema = object == null ? Set.of() : new TreeSet<>(names(fieldNames(object)));
            assertEquals(inSchema, readerFields(level), "fields of " + (level.isEmpty() ? "the site file" : level)
                    + ": schema (expected) vs reader (actual); add the field to both infra/site.schema.json and SiteReader");
            assertTrue(object == null || object.path("additionalProperties").isBoolean() && !object.path("additionalProperties").asBoolean(),
                    level + ": the schema must refuse unknown fields as the reader does (additionalProperties: false)");
        }
    }

    private static JsonNode fieldNames(JsonNode object) {
        com.fasterxml.jackson.databind.node.ArrayNode names = new ObjectMapper().createArrayNode();
        object.path("properties").fieldNames().forEachRemaining(names::add);
        return names;
    }

    @ParameterizedTest
    @ValueSource(strings = {"movabletype", "archive"})
    void theSchemaAndTheReaderRequireTheSameFields(String template) {
        Set<String> expected = schemaRequired(template);
        Set<String> actual = new TreeSet<>();
        for (String path : schemaProperties().keySet()) {
            Map<String, Object> doc = base(template);
            Map<String, Object> parent = parent(doc, path);
            if (parent == null || !parent.containsKey(last(path))) {
                continue;   // not used by this template: nothing to leave out
            }
            if (problems(without(doc, path)).stream().anyMatch(problem -> problem.field().equals(path) && problem.message().equals("missing (required)"))) {
                actual.add(path);
            }
        }
        // A field the full document does not set cannot be tested by leaving it out: the schema must not require it.
        expected.removeIf(path -> {
            Map<String, Object> parent = parent(base(template), path);
            return parent == null || !parent.containsKey(last(path));
        });
        assertEquals(expected, actual, template + ": required fields, schema (expected) vs reader (actual)");
    }

    @Test
    void everyDefaultTheSchemaStatesIsTheReaders() {
        int checked = 0;
        for (Map.Entry<String, JsonNode> property : schemaProperties().entrySet()) {
            String path = property.getKey();
            JsonNode node = property.getValue();
            if (!node.has("default")) {
                boolean optionalLeaf = !node.has("properties") && !schemaRequired("movabletype").contains(path);
                assertFalse(optionalLeaf && !NO_DEFAULT.contains(path), path + ": optional but the schema states no default (state the reader's, or list it in NO_DEFAULT)");
                continue;
            }
            Site leftOut = site(without(full(), path)).orElseThrow();
            Site setToDefault = site(with(full(), path, javaValue(node.get("default")))).orElseThrow();
            assertEquals(setToDefault, leftOut, path + ": the reader's default differs from the schema's " + node.get("default"));
            checked++;
        }
        assertTrue(checked >= 13, "defaults checked: " + checked);
    }

    @Test
    void theBoundsAndEnumValuesOfTheSchemaAreTheReaders() {
        for (Map.Entry<String, JsonNode> property : schemaProperties().entrySet()) {
            String path = property.getKey();
            JsonNode node = property.getValue();
            boolean integer = node.path("type").asText().equals("integer");
            double step = integer ? 1 : 0.01;
            if (node.has("minimum")) {
                assertAccepted(path, number(node.get("minimum").asDouble(), integer), true);
                assertAccepted(path, number(node.get("minimum").asDouble() - step, integer), false);
            }
            if (node.has("maximum")) {
                assertAccepted(path, number(node.get("maximum").asDouble(), integer), true);
                assertAccepted(path, number(node.get("maximum").asDouble() + step, integer), false);
            }
            for (JsonNode value : node.path("enum")) {
                Object enumValue = javaValue(value);
                boolean accepted = problems(with(full(), path, enumValue)).isEmpty() || problems(with(archive(), path, enumValue)).isEmpty();
                assertTrue(accepted, path + ": the schema allows '" + enumValue + "', the reader refuses it");
            }
            if (node.has("enum")) {
                assertFalse(problems(with(full(), path, "not-in-the-enum")).isEmpty(), path + ": the reader accepts a value outside the schema's enum");
            }
        }
    }

    private static Object number(double value, boolean integer) {
        return integer ? (Object) Math.round(value) : (Object) value;
    }

    private static void assertAccepted(String path, Object value, boolean accepted) {
        List<Problem> problems = problems(with(full(), path, value));
        boolean refused = problems.stream().anyMatch(problem -> problem.field().equals(path));
        assertEquals(accepted, !refused, path + " = " + value + ": the schema " + (accepted ? "allows" : "refuses") + " it, the reader " + (refused ? "refuses" : "allows") + " it " + problems);
    }
}
