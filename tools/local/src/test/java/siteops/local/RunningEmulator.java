package siteops.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import siteops.testing.CommandRun;

/**
 * A bin/local emulator on its own state folder under target/, started for a test class as a user would:
 * {@code @RegisterExtension static final RunningEmulator emulator = new RunningEmulator("name");}
 */
final class RunningEmulator implements BeforeAllCallback, AfterAllCallback {
    private static final Pattern EXPORT = Pattern.compile("^export (.+)$");

    /** What bin/local itself needs: its state folder (and this machine's start-up cache folder, if set). */
    final Map<String, String> base = new HashMap<>();
    /** {@link #base} plus what eval "$(bin/local env)" sets. */
    final Map<String, String> env = new HashMap<>();

    RunningEmulator(String name) {
        base.put("SITEOPS_LOCAL_DIR", Path.of("target", name).toAbsolutePath().toString());
        String cache = System.getenv("SITEOPS_CACHE");
        if (cache != null) {
            base.put("SITEOPS_CACHE", cache);
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        up();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        down();
    }

    RunningEmulator up() {
        CommandRun.Result up = CommandRun.run("local", List.of("up"), base, null);
        assertEquals(0, up.exitCode(), up.toString());
        CommandRun.Result printed = CommandRun.run("local", List.of("env"), base, null);
        assertEquals(0, printed.exitCode(), printed.toString());
        env.putAll(base);
        env.putAll(exports(printed.stdout()));
        return this;
    }

    void down() {
        CommandRun.run("local", List.of("down"), base, null);
    }

    /** export A=1 B=2 lines into variables, as eval "$(bin/local env)" sets them. */
    static Map<String, String> exports(String text) {
        Map<String, String> variables = new HashMap<>();
        for (String line : text.split("\n")) {
            Matcher export = EXPORT.matcher(line);
            if (export.matches()) {
                for (String pair : export.group(1).split(" ")) {
                    variables.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
                }
            }
        }
        return variables;
    }
}
