package siteops.invoke;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The `sam local invoke --env-vars` file: {"Parameters": {...}} applies to every function, {"<LogicalId>": {...}}
 * to one and wins over Parameters. Values may be strings, numbers or booleans.
 */
final class EnvVarsFile {
    private EnvVarsFile() {}

    static Map<String, String> forFunction(Path file, String logicalId) {
        Object document;
        try {
            LoadSettings settings = LoadSettings.builder().setLabel(file.toString()).build();
            document = new Load(settings).loadFromString(Files.readString(file));
        } catch (IOException e) {
            throw InvokeException.unreadable("--env-vars file", file, e);
        } catch (RuntimeException e) {
            throw new InvokeException("--env-vars file " + file + " is not valid JSON: " + e.getMessage());
        }
        if (!(document instanceof Map<?, ?> sections)) {
            throw new InvokeException("--env-vars file " + file + " must be a JSON object like {\"" + logicalId + "\": {\"NAME\": \"value\"}}");
        }
        Map<String, String> variables = new LinkedHashMap<>();
        copy(file, sections.get("Parameters"), "Parameters", variables);
        copy(file, sections.get(logicalId), logicalId, variables);
        return variables;
    }

    private static void copy(Path file, Object section, String name, Map<String, String> into) {
        if (section == null) {
            return;
        }
        if (!(section instanceof Map<?, ?> values)) {
            throw new InvokeException("--env-vars file " + file + ": \"" + name + "\" must be an object of variable names to values");
        }
        values.forEach((key, value) -> {
            if (value instanceof Map || value instanceof Iterable) {
                throw new InvokeException("--env-vars file " + file + ": " + name + "." + key + " must be a string, number or boolean");
            }
            into.put(String.valueOf(key), value == null ? "" : String.valueOf(value));
        });
    }
}
