package siteops.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The new-site workflow's two steps: the form's inputs to a site file, then bin/generate-sites (in process) on it. */
class NewSiteTest {

    @TempDir Path dir;

    record Run(int exitCode, String out, String err) {}

    private Run newSite(String... overrides) {
        Map<String, String> inputs = new java.util.LinkedHashMap<>();
        inputs.put("name", "shop");
        inputs.put("template", "movabletype");
        inputs.put("project", "shop");
        inputs.put("env", "prod");
        inputs.put("domain", "shop.example.co.jp");
        inputs.put("aliases", "www.shop.example.co.jp, shop.example.jp");
        inputs.put("route53-zone", "none");
        inputs.put("pagerduty-secret", "siteops/pagerduty/shop");
        inputs.put("slack-team", "T07EA123LEP");
        inputs.put("slack-channel", "C07SHOP1234");
        inputs.put("admin-cidrs", "203.0.113.0/24 198.51.100.17/32");
        inputs.put("sites-dir", "sites");
        for (int i = 0; i < overrides.length; i += 2) {
            inputs.put(overrides[i], overrides[i + 1]);
        }
        List<String> args = new ArrayList<>(List.of("new-site"));
        inputs.forEach((name, value) -> args.addAll(List.of("--" + name, value)));
        return capture((out, err) -> Main.run(args.toArray(String[]::new), Map.of(), dir, out, err));
    }

    private Run generate() {
        return capture((out, err) -> siteops.sites.Main.run(new String[] {"-o", dir.resolve("generated").toString(), dir.resolve("sites").toString()},
                dir, out, err));
    }

    private interface Command {
        int run(PrintStream out, PrintStream err);
    }

    private static Run capture(Command command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = command.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theFormBecomesASiteFileTheGeneratorTurnsIntoARoot() throws IOException {
        Files.createDirectories(dir.resolve("sites"));
        Run written = newSite();
        assertEquals(0, written.exitCode(), written::err);
        String yaml = Files.readString(dir.resolve("sites/shop.yaml"));
        assertTrue(yaml.startsWith("# yaml-language-server: $schema=../site.schema.json\n"), yaml);
        assertTrue(yaml.contains("aliases:\n- www.shop.example.co.jp\n- shop.example.jp\n"), yaml);
        assertFalse(yaml.contains("route53_zone"), "none means DNS elsewhere: " + yaml);

        Run generated = generate();
        assertEquals(0, generated.exitCode(), generated::err);
        assertTrue(Files.isRegularFile(dir.resolve("generated/shop/main.tf")));
        assertTrue(Files.readString(dir.resolve("generated/shop/main.tf")).contains("shop.example.co.jp"));
    }

    @Test
    void aBadInputFailsWithTheGeneratorsFileLineFieldProblem() throws IOException {
        Files.createDirectories(dir.resolve("sites"));
        assertEquals(0, newSite("domain", "https://shop.example.co.jp/", "slack-channel", "#shop").exitCode());
        Run generated = generate();
        assertEquals(2, generated.exitCode());
        assertTrue(generated.err().lines().anyMatch(line -> line.matches(".*shop\\.yaml:\\d+: domain: .*")), generated::err);
        assertTrue(generated.err().lines().anyMatch(line -> line.matches(".*shop\\.yaml:\\d+: slack\\.channel_id: .*")), generated::err);
        assertFalse(Files.exists(dir.resolve("generated/shop")), "nothing written");
    }

    @Test
    void anInputCannotInjectYaml() throws IOException {
        Files.createDirectories(dir.resolve("sites"));
        assertEquals(0, newSite("project", "shop\nenv: dev", "env", "prod").exitCode());
        String yaml = Files.readString(dir.resolve("sites/shop.yaml"));
        assertTrue(yaml.contains("env: prod"), yaml);
        assertFalse(yaml.contains("\nenv: dev"), yaml);
        Run generated = generate();
        assertEquals(2, generated.exitCode(), "the odd project is refused, not silently split: " + generated.err());
        assertTrue(generated.err().contains(": project: "), generated::err);
    }

    @Test
    void theNameMustBeASiteNameAndFree() throws IOException {
        Files.createDirectories(dir.resolve("sites"));
        Run traversal = newSite("name", "../etc/shop");
        assertEquals(1, traversal.exitCode());
        assertTrue(traversal.err().contains("site name '../etc/shop': use 1-40 lowercase letters"), traversal::err);

        assertEquals(0, newSite().exitCode());
        Run again = newSite();
        assertEquals(1, again.exitCode());
        assertTrue(again.err().contains("sites/shop.yaml already exists: site 'shop' is taken"), again::err);

        Run missing = newSite("domain", "");
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().contains("--domain is required"), missing::err);
    }
}
