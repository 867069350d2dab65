package siteops.sites;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A cloud-init change must not silently stop (or replace) every server: each instance with user data keeps it
 * out of updates (ignore_changes) and never replaces itself for it. Rolling a change out is a Run Command.
 */
class ServerUserDataTest {

    @Test
    void everyServerIgnoresUserDataChangesAndIsNeverReplacedForThem() throws IOException {
        List<String> checked = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Repository.MODULES)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".tf")).sorted().toList()) {
                for (HclParser.Block resource : HclParser.parse(Files.readString(file)).blocks("resource")) {
                    if (!resource.labels().getFirst().equals("aws_instance") || !resource.attributes().containsKey("user_data")) {
                        continue;
                    }
                    String where = file + ":" + resource.line();
                    checked.add(where);
                    assertFalse(text(resource.attributes().get("user_data_replace_on_change")).equals("true"),
                            where + ": user_data_replace_on_change would destroy the server and its site data");
                    List<HclParser.Block> lifecycle = resource.blocks("lifecycle");
                    assertFalse(lifecycle.isEmpty(), where + ": no lifecycle block ignoring user_data");
                    String ignored = text(lifecycle.getFirst().attributes().get("ignore_changes"));
                    assertTrue(ignored.matches(".*\\buser_data\\b.*"), where + ": ignore_changes = " + ignored + " lacks user_data");
                }
            }
        }
        assertFalse(checked.isEmpty(), "no aws_instance with user_data found under " + Repository.MODULES);
    }

    private static String text(HclParser.Attribute attribute) {
        return attribute == null ? "" : attribute.expression().stream().map(HclParser.Token::text).reduce("", String::concat);
    }
}
