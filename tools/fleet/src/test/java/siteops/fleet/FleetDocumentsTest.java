package siteops.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import siteops.testing.ProjectRoot;

/**
 * The Run Command documents of infra/modules/fleet-documents: valid SSM document schema 2.2 (the rules SSM applies
 * when the document is created), parameters that cannot inject shell, and shell that passes shellcheck.
 */
class FleetDocumentsTest {
    static final Path MODULE = ProjectRoot.resolve("infra/modules/fleet-documents");
    static final Set<String> TOP_LEVEL = Set.of("schemaVersion", "description", "parameters", "mainSteps");
    static final Set<String> PARAMETER_TYPES = Set.of("String", "StringList", "Integer", "Boolean", "MapList", "StringMap");
    static final Set<String> PARAMETER_KEYS = Set.of("type", "description", "default", "allowedValues", "allowedPattern", "displayType",
            "minItems", "maxItems", "minChars", "maxChars");
    static final Set<String> STEP_KEYS = Set.of("action", "name", "inputs", "precondition", "description", "onFailure", "finallyStep",
            "isEnd", "isCritical", "nextStep");
    static final Set<String> RUN_SHELL_INPUTS = Set.of("runCommand", "workingDirectory", "timeoutSeconds");
    static final Pattern PARAMETER_USE = Pattern.compile("\\{\\{\\s*(\\w+)\\s*}}");
    /** Values for parameters without a default, as an SRE would give them (each must pass its allowedPattern). */
    static final Map<String, String> SAMPLES = Map.of("releaseVersion", "2023.6.20241212");

    static Stream<Path> documents() throws IOException {
        return Files.list(MODULE.resolve("documents")).filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> load(Path document) throws IOException {
        Object parsed = new Load(LoadSettings.builder().build()).loadFromString(Files.readString(document));
        assertInstanceOf(Map.class, parsed, document + " is not a YAML mapping");
        return (Map<String, Object>) parsed;
    }

    @Test
    void theModuleCreatesExactlyTheDocumentsBinFleetNames() throws IOException {
        String main = Files.readString(MODULE.resolve("main.tf"));
        Set<String> files = new TreeSet<>();
        documents().forEach(p -> files.add(p.getFileName().toString()));
        assertEquals(Set.of("install-movabletype.yaml", "os-update.yaml", "restart-web.yaml"), files);
        for (String name : List.of("siteops-install-movabletype", "siteops-os-update", "siteops-restart-web")) {
            String file = name.substring("siteops-".length()) + ".yaml";
            assertTrue(main.contains("\"" + name + "\"") && main.contains("= \"" + file + "\""), name + " -> " + file + " in main.tf");
        }
    }

    @ParameterizedTest
    @MethodSource("documents")
    @SuppressWarnings("unchecked")
    void isValidSchema22(Path path) throws IOException {
        Map<String, Object> document = load(path);
        assertEquals("2.2", document.get("schemaVersion"), "schemaVersion must be the string \"2.2\"");
        assertTrue(TOP_LEVEL.containsAll(document.keySet()), () -> "unknown top-level keys " + document.keySet());
        assertTrue(document.get("description") instanceof String text && !text.isBlank(), "description");

        Map<String, Object> parameters = (Map<String, Object>) document.getOrDefault("parameters", Map.of());
        for (var entry : parameters.entrySet()) {
            String name = entry.getKey();
            assertTrue(name.matches("[A-Za-z0-9_]+"), name);
            Map<String, Object> parameter = (Map<String, Object>) entry.getValue();
            assertTrue(PARAMETER_KEYS.containsAll(parameter.keySet()), () -> name + ": unknown keys " + parameter.keySet());
            assertTrue(PARAMETER_TYPES.contains(parameter.get("type")), name + ": type");
            assertTrue(parameter.get("description") instanceof String, name + ": description");
            // SSM puts the value into the script text: only values that cannot break out of '...' may pass.
            assertTrue(parameter.containsKey("allowedPattern") || parameter.containsKey("allowedValues"),
                    name + ": a String parameter needs allowedPattern or allowedValues");
            String value = parameter.containsKey("default") ? (String) parameter.get("default") : SAMPLES.get(name);
            assertTrue(value != null, name + ": no default and no sample value in this test");
            assertTrue(accepts(parameter, value), name + ": '" + value + "' is refused by its own rule");
            assertFalse(accepts(parameter, "x'; reboot; '"), name + ": accepts a quote");
        }

        List<Object> steps = (List<Object>) document.get("mainSteps");
        assertTrue(steps != null && !steps.isEmpty(), "mainSteps");
        Set<String> stepNames = new HashSet<>();
        for (Object item : steps) {
            Map<String, Object> step = (Map<String, Object>) item;
            assertTrue(STEP_KEYS.containsAll(step.keySet()), () -> "unknown step keys " + step.keySet());
            assertEquals("aws:runShellScript", step.get("action"));
            String stepName = (String) step.get("name");
            assertTrue(stepName != null && stepName.matches("[a-zA-Z0-9_.-]{1,100}") && stepNames.add(stepName), "step name " + stepName);
            Map<String, Object> inputs = (Map<String, Object>) step.get("inputs");
            assertTrue(RUN_SHELL_INPUTS.containsAll(inputs.keySet()), () -> "unknown inputs " + inputs.keySet());
            assertTrue(inputs.get("runCommand") instanceof List<?> commands && !commands.isEmpty()
                    && commands.stream().allMatch(String.class::isInstance), "runCommand is a list of strings");
            Object timeout = inputs.get("timeoutSeconds");
            assertTrue(timeout instanceof String text && text.matches("[0-9]+") && Integer.parseInt(text) <= 172800, "timeoutSeconds");
            assertEquals(Map.of("StringEquals", List.of("platformType", "Linux")), step.get("precondition"));
        }

        // Every {{ parameter }} used is declared, and every declared parameter is used.
        Set<String> used = new TreeSet<>();
        Matcher uses = PARAMETER_USE.matcher(Files.readString(path));
        while (uses.find()) {
            used.add(uses.group(1));
        }
        assertEquals(new TreeSet<>(parameters.keySet()), used);
    }

    @SuppressWarnings("unchecked")
    private static boolean accepts(Map<String, Object> parameter, String value) {
        if (parameter.containsKey("allowedValues")) {
            return ((List<Object>) parameter.get("allowedValues")).contains(value);
        }
        return Pattern.compile((String) parameter.get("allowedPattern")).matcher(value).find();
    }

    @ParameterizedTest
    @MethodSource("documents")
    @SuppressWarnings("unchecked")
    void itsShellPassesShellcheck(Path path, @TempDir Path dir) throws Exception {
        assumeTrue(onPath("shellcheck"), "shellcheck is not installed (apt-get install shellcheck): the documents' shell is not checked");
        Map<String, Object> document = load(path);
        Map<String, Object> parameters = (Map<String, Object>) document.getOrDefault("parameters", Map.of());
        List<String> problems = new ArrayList<>();
        for (Object item : (List<Object>) document.get("mainSteps")) {
            Map<String, Object> step = (Map<String, Object>) item;
            String script = String.join("\n", (List<String>) ((Map<String, Object>) step.get("inputs")).get("runCommand"));
            // SSM substitutes the parameters before the shell sees the script; so does the check.
            Matcher uses = PARAMETER_USE.matcher(script);
            StringBuilder substituted = new StringBuilder();
            while (uses.find()) {
                Map<String, Object> parameter = (Map<String, Object>) parameters.get(uses.group(1));
                Object value = parameter.containsKey("default") ? parameter.get("default") : SAMPLES.get(uses.group(1));
                uses.appendReplacement(substituted, Matcher.quoteReplacement(String.valueOf(value)));
            }
            uses.appendTail(substituted);
            Path file = dir.resolve(step.get("name") + ".sh");
            Files.writeString(file, substituted.toString());
            Process shellcheck = new ProcessBuilder("shellcheck", "-S", "warning", "-s", "bash", file.toString()).redirectErrorStream(true).start();
            String output = new String(shellcheck.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(shellcheck.waitFor(60, TimeUnit.SECONDS));
            if (shellcheck.exitValue() != 0) {
                problems.add(path.getFileName() + " step " + step.get("name") + ":\n" + output);
            }
        }
        assertEquals(List.of(), problems);
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
