package siteops.sites;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Every setting of the model, one by one, against what a site owner sees: left out, it takes its default; a
 * value out of bounds or not matching is refused with {@code file:line: field: problem}; a setting of another
 * template is refused by name; and what the owner reads (schema, README table) and what Terraform declares
 * (the module's variables.tf) say the same. A new setting is covered here without touching this test.
 */
class SiteModelTest {

    private static final String FILE = "sites/news.yaml";

    /** A valid site of each template giving only what is required. */
    private static final Map<String, String> MINIMAL = Map.of(
            "movabletype", SiteReaderTest.VALID,
            "archive", SiteReaderTest.VALID.replace("template: movabletype", "template: archive")
                    .replace("admin:\n  allow_cidrs: [203.0.113.0/24]\n", ""));

    /** A valid value of every mandatory setting of an optional block, to give the block when testing its settings. */
    private static final Map<String, Object> BLOCK_SAMPLES = Map.of(SiteSettings.PAGERDUTY_ESCALATION_POLICY.path(), "PABC123");

    /** A value no pattern of the model accepts. */
    private static final String NOT_VALID = "NOT valid!";

    // --- documents ------------------------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private static Map<String, Object> minimal(SiteTemplate template) {
        String yaml = MINIMAL.get(template.id());
        assertNotNull(yaml, "add a minimal valid site of template " + template.id() + " to SiteModelTest.MINIMAL");
        return (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(yaml);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> with(Map<String, Object> doc, String path, Object value) {
        Map<String, Object> at = doc;
        String[] parts = path.split("\\.");
        for (int i = 0; i < parts.length - 1; i++) {
            at = (Map<String, Object>) at.computeIfAbsent(parts[i], key -> new LinkedHashMap<String, Object>());
        }
        if (value == null) {
            at.remove(parts[parts.length - 1]);
        } else {
            at.put(parts[parts.length - 1], value);
        }
        return doc;
    }

    /**
     * The minimal site of {@code template}, and when {@code setting} is in an optional block, that block given
     * complete (its mandatory settings from {@link #BLOCK_SAMPLES}) instead of the setting it replaces.
     */
    private static Map<String, Object> minimalWith(SiteTemplate template, Setting<?> setting) {
        Map<String, Object> doc = minimal(template);
        SiteSettings.Group group = SiteSettings.group(setting.group());
        if (group.optional()) {
            for (Setting<?> mandatory : SiteSettings.of(template)) {
                if (mandatory.group().equals(group.key()) && mandatory.required()) {
                    Object sample = BLOCK_SAMPLES.get(mandatory.path());
                    assertNotNull(sample, "add a valid value of " + mandatory.path() + " to SiteModelTest.BLOCK_SAMPLES");
                    with(doc, mandatory.path(), sample);
                }
            }
            if (group.insteadOf() != null) {
                with(doc, group.insteadOf(), null);
            }
        }
        return doc;
    }

    /** The optional block that {@code setting} stands in for, if any. */
    private static Optional<SiteSettings.Group> replacedBy(Setting<?> setting) {
        return SiteSettings.GROUPS.stream().filter(group -> setting.path().equals(group.insteadOf())).findFirst();
    }

    private static List<Problem> problems(Map<String, Object> doc) {
        List<Problem> problems = new ArrayList<>();
        SiteReader.read(FILE, "news", new Dump(DumpSettings.builder().build()).dumpToString(doc), problems);
        return problems;
    }

    private static Site site(Map<String, Object> doc) {
        List<Problem> problems = new ArrayList<>();
        Optional<Site> site = SiteReader.read(FILE, "news", new Dump(DumpSettings.builder().build()).dumpToString(doc), problems);
        assertEquals(List.of(), problems);
        return site.orElseThrow();
    }

    /** The problem reported for {@code field}, shown as the editor sees it, or a failure listing what was reported. */
    private static String problemOf(List<Problem> problems, String field) {
        Pattern shown = Pattern.compile(Pattern.quote(FILE) + ":[1-9]\\d*: " + Pattern.quote(field) + ": .+");
        return problems.stream().map(Problem::toString).filter(line -> shown.matcher(line).matches()).findFirst()
                .orElseThrow(() -> new AssertionError("no problem reported for " + field + ": " + problems));
    }

    static Stream<Arguments> settingsOfEachTemplate() {
        return SiteTemplate.ALL.stream().flatMap(template -> SiteSettings.of(template).stream()
                .filter(setting -> setting != SiteSettings.TEMPLATE)
                .map(setting -> Arguments.of(template.id(), setting.path())));
    }

    private static SiteTemplate template(String id) {
        return SiteTemplate.ALL.stream().filter(template -> template.id().equals(id)).findFirst().orElseThrow();
    }

    private static Setting<?> setting(String path) {
        return SiteSettings.all().stream().filter(setting -> setting.path().equals(path)).findFirst().orElseThrow();
    }

    // --- the reader -----------------------------------------------------------------------------------------

    @Test
    void theMinimalSitesAreValid() {
        for (SiteTemplate template : SiteTemplate.ALL) {
            assertEquals(template, site(minimal(template)).template());
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("settingsOfEachTemplate")
    void leftOutASettingTakesItsDefaultOrIsMissing(String templateId, String path) {
        SiteTemplate template = template(templateId);
        Setting<?> setting = setting(path);
        Map<String, Object> doc = with(minimalWith(template, setting), path, null);
        if (setting.required()) {
            assertTrue(problemOf(problems(doc), path).endsWith(": missing (required)"), path);
        } else if (replacedBy(setting).isPresent()) {
            assertTrue(problemOf(problems(doc), path).endsWith(": missing: give " + path + " or a '" + replacedBy(setting).get().key() + ":' block"), path);
        } else {
            assertEquals(setting.defaultValue(), site(doc).get(setting), path + ": default");
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("settingsOfEachTemplate")
    void aValueOutsideTheSettingsRulesIsRefusedWithAClearMessage(String templateId, String path) {
        Setting<?> setting = setting(path);
        Map<String, Object> doc = minimalWith(template(templateId), setting);
        switch (setting.kind()) {
            case Setting.WholeNumber number -> {
                for (int good : List.of(number.min(), number.max())) {
                    assertEquals(good, site(with(doc, path, good)).get(setting), path + " = " + good);
                }
                String bounds = path + ": must be a whole number from " + number.min() + " to " + number.max() + ", got '";
                assertTrue(problemOf(problems(with(doc, path, number.min() - 1)), path).endsWith(bounds + (number.min() - 1) + "'"));
                assertTrue(problemOf(problems(with(doc, path, (long) number.max() + 1)), path).endsWith(bounds + ((long) number.max() + 1) + "'"));
                assertTrue(problemOf(problems(with(doc, path, "many")), path).endsWith(bounds + "many'"));
            }
            case Setting.Decimal decimal -> {
                for (double good : List.of(decimal.min(), decimal.max())) {
                    assertEquals(good, site(with(doc, path, good)).get(setting), path + " = " + good);
                }
                String bounds = path + ": must be a number from " + RootModule.number(decimal.min()) + " to " + RootModule.number(decimal.max()) + ", got '";
                assertTrue(problemOf(problems(with(doc, path, decimal.min() - 0.01)), path).contains(bounds));
                assertTrue(problemOf(problems(with(doc, path, decimal.max() + 0.01)), path).contains(bounds));
            }
            case Setting.Choice choice -> {
                for (String good : choice.values()) {
                    Map<String, Object> chosen = path.equals(SiteSettings.TEMPLATE.path()) ? minimal(template(good)) : with(doc, path, good);
                    assertEquals(List.of(), problems(chosen), path + " = " + good);
                }
                String problem = problemOf(problems(with(doc, path, "not-a-choice")), path);
                assertTrue(problem.contains("'not-a-choice'") && choice.values().stream().allMatch(problem::contains), problem);
            }
            case Setting.Text text -> assertTrue(problemOf(problems(with(doc, path, NOT_VALID)), path).contains("'" + NOT_VALID + "'"), path);
            case Setting.TextList list -> {
                assertTrue(problemOf(problems(with(doc, path, "203.0.113.0/24")), path).endsWith(": must be a list"));
                assertTrue(problemOf(problems(with(doc, path, List.of(NOT_VALID))), path).contains("'" + NOT_VALID + "'"));
                if (list.whenEmpty() != null) {
                    assertTrue(problemOf(problems(with(doc, path, List.of())), path).endsWith(": " + list.whenEmpty()));
                } else {
                    assertEquals(List.of(), site(with(doc, path, List.of())).get(setting));
                }
            }
        }
    }

    @Test
    void aSettingOfAnotherTemplateIsRefusedByName() {
        int checked = 0;
        for (SiteTemplate template : SiteTemplate.ALL) {
            for (SiteTemplate other : SiteTemplate.ALL) {
                for (Setting<?> setting : other.settings()) {
                    if (SiteSettings.of(template).contains(setting)) {
                        continue;
                    }
                    Object value = 1;   // refused by name whatever its value
                    boolean wholeGroupUnused = SiteSettings.of(template).stream().noneMatch(ours -> ours.group().equals(setting.group()));
                    String field = wholeGroupUnused ? setting.group() : setting.path();
                    String problem = problemOf(problems(with(minimal(template), setting.path(), value)), field);
                    assertTrue(problem.contains(": not used by template " + template.id()), problem);
                    checked++;
                }
            }
        }
        assertTrue(checked >= 9, "settings checked: " + checked);
    }

    @Test
    void anUnknownFieldIsRefusedListingTheKnownOnesAtEveryLevel() {
        for (SiteTemplate template : SiteTemplate.ALL) {
            for (String group : SiteSettings.of(template).stream().map(Setting::group).distinct().toList()) {
                String probe = group.isEmpty() ? "zz_not_a_field" : group + ".zz_not_a_field";
                String problem = problemOf(problems(with(minimal(template), probe, 1)), probe);
                for (Setting<?> setting : SiteSettings.of(template)) {
                    if (setting.group().equals(group)) {
                        assertTrue(problem.matches(".*: unknown field \\(known here: .*\\b" + setting.key() + "\\b.*\\)"), template.id() + ": " + problem);
                    }
                }
            }
        }
    }

    // --- what the owner reads, what Terraform declares ------------------------------------------------------

    @Test
    void theCommittedSchemaIsTheModels() throws IOException {
        assertEquals(SiteDocs.schema(), Files.readString(Repository.ROOT.resolve(SiteDocs.SCHEMA_FILE)),
                "infra/site.schema.json is stale: run bin/generate-sites --docs and commit it");
        SiteReaderTest.Run run = SiteReaderTest.Run.of(Repository.ROOT, "--schema");
        assertEquals(0, run.exitCode());
        assertEquals(SiteDocs.schema(), run.out());
    }

    @Test
    void theReadmeSettingsTableIsTheModels() throws IOException {
        String readme = Files.readString(Repository.ROOT.resolve(SiteDocs.README_FILE));
        assertEquals(SiteDocs.readmeWithTable(readme), readme, "the settings table of infra/README.md is stale: run bin/generate-sites --docs and commit it");
        for (Setting<?> setting : SiteSettings.all()) {
            assertTrue(readme.contains("| `" + setting.path() + "` |"), setting.path());
        }
    }

    @Test
    void theSchemaStatesEachSettingsDefaultBoundsAndValues() throws IOException {
        JsonNode schema = new ObjectMapper().readTree(SiteDocs.schema());
        for (Setting<?> setting : SiteSettings.all()) {
            JsonNode object = setting.group().isEmpty() ? schema : schema.path("properties").path(setting.group());
            assertFalse(object.path("additionalProperties").asBoolean(true), setting.group() + ": unknown fields must be refused");
            JsonNode node = object.path("properties").path(setting.key());
            assertTrue(node.isObject(), setting.path() + " missing from the schema");
            assertEquals(setting.defaultValue() == null ? null : new ObjectMapper().valueToTree(setting.defaultValue()), node.get("default"), setting.path());
            switch (setting.kind()) {
                case Setting.WholeNumber number -> assertEquals(List.of(number.min(), number.max()), List.of(node.path("minimum").asInt(), node.path("maximum").asInt()));
                case Setting.Decimal decimal -> assertEquals(List.of(decimal.min(), decimal.max()), List.of(node.path("minimum").asDouble(), node.path("maximum").asDouble()));
                case Setting.Choice choice -> assertEquals(choice.values(), new ObjectMapper().convertValue(node.path("enum"), List.class));
                case Setting.Text text -> assertTrue(node.path("pattern").asText().contains(text.regex()), setting.path());
                case Setting.TextList list -> assertTrue(node.path("items").path("pattern").asText().contains(list.item().regex()), setting.path());
            }
        }
    }

    @Test
    void theSchemaRequiresWhatTheReaderRequiresPerTemplate() throws IOException {
        JsonNode schema = new ObjectMapper().readTree(SiteDocs.schema());
        for (SiteTemplate template : SiteTemplate.ALL) {
            TreeSet<String> stated = new TreeSet<>();
            schema.path("required").forEach(name -> stated.add(name.asText()));
            schema.path("allOf").forEach(condition -> {
                if (condition.path("if").path("properties").path("template").path("const").asText().equals(template.id())) {
                    condition.path("then").path("required").forEach(name -> stated.add(name.asText()));
                }
            });
            TreeSet<String> readerRequires = new TreeSet<>();
            for (String field : new TreeSet<>(minimal(template).keySet())) {
                Map<String, Object> doc = minimal(template);
                doc.remove(field);
                if (problems(doc).stream().anyMatch(problem -> problem.field().equals(field) && problem.message().equals("missing (required)"))) {
                    readerRequires.add(field);
                }
            }
            assertEquals(readerRequires, stated, template.id() + ": required top-level fields, reader vs schema");
            for (Setting<?> setting : SiteSettings.of(template)) {
                if (!setting.group().isEmpty()) {
                    boolean inSchema = new ObjectMapper().convertValue(schema.path("properties").path(setting.group()).path("required"), List.class) instanceof List<?> list
                            && list.contains(setting.key());
                    assertEquals(setting.required(), inSchema, setting.path() + ": required in the schema as in the reader");
                    boolean readerRequiresIt = problems(with(minimal(template), setting.path(), null)).stream()
                            .anyMatch(problem -> problem.field().equals(setting.path()) && problem.message().equals("missing (required)"));
                    assertEquals(setting.required(), readerRequiresIt, setting.path() + ": required by the reader as declared");
                }
            }
        }
    }

    /** The template module declares each setting's variable, of its type and with its default. */
    @Test
    void everyVariableIsDeclaredInItsTemplateModuleWithTheSameDefault() {
        for (SiteTemplate template : SiteTemplate.ALL) {
            Map<String, HclParser.Block> variables = new LinkedHashMap<>();
            TerraformCheck.read(Repository.MODULES.resolve(template.module())).files().values().forEach(file -> file.blocks("variable")
                    .forEach(variable -> variables.put(variable.labels().getFirst(), variable)));
            for (Setting<?> setting : SiteSettings.of(template)) {
                if (setting.variable() == null) {
                    continue;
                }
                String where = template.module() + " variable \"" + setting.variable() + "\" (" + setting.path() + ")";
                HclParser.Block variable = variables.get(setting.variable());
                assertNotNull(variable, where + " is not declared");
                String type = switch (setting.kind()) {
                    case Setting.WholeNumber number -> "number";
                    case Setting.Decimal decimal -> "number";
                    case Setting.TextList list -> "list(string)";
                    default -> "string";
                };
                assertEquals(type, hcl(variable.attributes().get("type")), where + ": type");
                HclParser.Attribute defaultValue = variable.attributes().get("default");
                if (setting.required()) {
                    assertEquals(null, defaultValue, where + ": required in the site file, so no default in the module");
                } else {
                    assertNotNull(defaultValue, where + ": state the model's default");
                    assertEquals(setting.defaultValue() == null ? "null" : setting.hcl(setting.defaultValue()), hcl(defaultValue), where + ": default");
                }
            }
        }
    }

    /** An attribute's expression as HCL text (enough for the literals of variables.tf). */
    private static String hcl(HclParser.Attribute attribute) {
        return attribute == null ? null : attribute.expression().stream()
                .map(token -> token.kind().equals("string") ? HclBody.quote(token.text()) : token.text())
                .collect(Collectors.joining());
    }

    @Test
    void everySettingIsInADeclaredGroupAndHasDocumentation() {
        for (Setting<?> setting : SiteSettings.all()) {
            assertNotNull(SiteSettings.group(setting.group()), setting.path());
            assertFalse(setting.doc().isBlank(), setting.path() + ": say what it means in doc(...)");
            assertTrue(setting.required() || setting.defaultValue() != null || setting.path().equals(SiteSettings.ROUTE53_ZONE.path())
                            || replacedBy(setting).isPresent(),
                    setting.path() + ": optional without a default; give byDefault(...) or mandatory()");
        }
        assertEquals(SiteSettings.all().size(), SiteSettings.all().stream().map(Setting::path).distinct().count(), "a path declared twice");
    }

    // --- optional blocks (Group.optionalBlock) --------------------------------------------------------------

    static Stream<Arguments> optionalBlocks() {
        return SiteTemplate.ALL.stream().flatMap(template -> SiteSettings.GROUPS.stream()
                .filter(group -> group.optional() && SiteSettings.of(template).stream().anyMatch(setting -> setting.group().equals(group.key())))
                .map(group -> Arguments.of(template.id(), group.key())));
    }

    private static List<Setting<?>> settingsOf(SiteTemplate template, String group) {
        return SiteSettings.of(template).stream().filter(setting -> setting.group().equals(group)).toList();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("optionalBlocks")
    void anOptionalBlockLeftOutLeavesAllItsSettingsAbsentEvenThoseWithADefault(String templateId, String group) {
        SiteTemplate template = template(templateId);
        Site site = site(minimal(template));
        for (Setting<?> setting : settingsOf(template, group)) {
            assertEquals(Optional.empty(), site.optional(setting), setting.path());
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("optionalBlocks")
    void anOptionalBlockOnceGivenNeedsItsMandatorySettingsAndTakesItsDefaults(String templateId, String group) {
        SiteTemplate template = template(templateId);
        List<Setting<?>> settings = settingsOf(template, group);
        Setting<?> any = settings.getFirst();
        Site complete = site(minimalWith(template, any));
        for (Setting<?> setting : settings) {
            assertEquals(setting.required() ? BLOCK_SAMPLES.get(setting.path()) : setting.defaultValue(), complete.get(setting), setting.path());
        }
        Map<String, Object> empty = minimalWith(template, any);
        empty.put(group, new LinkedHashMap<String, Object>());
        List<Problem> problems = problems(empty);
        for (Setting<?> setting : settings) {
            if (setting.required()) {
                assertTrue(problemOf(problems, setting.path()).endsWith(": missing (required)"), setting.path());
            }
        }
        assertTrue(settings.stream().anyMatch(Setting::required), group + ": an optional block without a mandatory setting needs no flag");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("optionalBlocks")
    void aBlockAndTheSettingItReplacesAreGivenOneAtATime(String templateId, String group) {
        SiteTemplate template = template(templateId);
        SiteSettings.Group declared = SiteSettings.group(group);
        if (declared.insteadOf() == null) {
            return;
        }
        Map<String, Object> both = minimalWith(template, settingsOf(template, group).getFirst());
        with(both, declared.insteadOf(), minimal(template).get(declared.insteadOf()));
        assertTrue(problemOf(problems(both), declared.insteadOf()).endsWith(": give either " + declared.insteadOf() + " or a '" + group
                + ":' block, not both (the block replaces it)"));
        Map<String, Object> neither = with(minimal(template), declared.insteadOf(), null);
        assertTrue(problemOf(problems(neither), declared.insteadOf()).endsWith(": missing: give " + declared.insteadOf() + " or a '" + group + ":' block"));
    }

    @Test
    void theSchemaMakesOptionalBlocksOptionalTheirMandatoryFieldsRequiredAndTheReplacedSettingAnAlternative() throws IOException {
        JsonNode schema = new ObjectMapper().readTree(SiteDocs.schema());
        for (SiteSettings.Group group : SiteSettings.GROUPS) {
            if (!group.optional()) {
                continue;
            }
            List<String> topRequired = new ArrayList<>();
            schema.path("required").forEach(name -> topRequired.add(name.asText()));
            schema.path("allOf").forEach(rule -> rule.path("then").path("required").forEach(name -> topRequired.add(name.asText())));
            assertFalse(topRequired.contains(group.key()), group.key() + " must stay optional: " + topRequired);
            List<String> inBlock = new ArrayList<>();
            schema.path("properties").path(group.key()).path("required").forEach(name -> inBlock.add(name.asText()));
            List<String> mandatory = SiteSettings.all().stream().filter(setting -> setting.group().equals(group.key()) && setting.required())
                    .map(Setting::key).toList();
            assertEquals(mandatory, inBlock, group.key() + ": required once given");
            if (group.insteadOf() != null) {
                assertFalse(topRequired.contains(group.insteadOf()), group.insteadOf());
                String oneOf = group.insteadOf() + " | " + group.key();
                boolean stated = false;
                for (JsonNode rule : schema.path("allOf")) {
                    List<String> alternatives = new ArrayList<>();
                    rule.path("oneOf").forEach(choice -> alternatives.add(choice.path("required").get(0).asText()));
                    stated |= String.join(" | ", alternatives).equals(oneOf);
                }
                assertTrue(stated, "the schema says oneOf " + oneOf);
            }
        }
    }
}
