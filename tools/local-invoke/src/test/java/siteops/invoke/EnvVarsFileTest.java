package siteops.invoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvVarsFileTest {
    @Test
    void functionSectionWinsOverParametersAndValuesBecomeText(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("env.json");
        Files.writeString(file, "{\"Parameters\": {\"A\": \"all\", \"B\": \"all\"}, \"Fn\": {\"B\": \"fn\", \"N\": 5, \"T\": true}, \"Other\": {\"A\": \"x\"}}");
        assertEquals(Map.of("A", "all", "B", "fn", "N", "5", "T", "true"), EnvVarsFile.forFunction(file, "Fn"));
    }

    @Test
    void namesTheFileAndTheProblem(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("env.json");
        for (String[] bad : new String[][] {
                {"[1, 2]", "must be a JSON object"},
                {"{\"Fn\": \"x\"}", "\"Fn\" must be an object"},
                {"{\"Fn\": {\"A\": {\"nested\": 1}}}", "Fn.A must be a string"},
                {"{\"Fn\": ", "not valid JSON"}}) {
            Files.writeString(file, bad[0]);
            InvokeException error = assertThrows(InvokeException.class, () -> EnvVarsFile.forFunction(file, "Fn"));
            assertTrue(error.getMessage().contains(bad[1]) && error.getMessage().contains(file.toString()), error.getMessage());
        }
    }

    @Test
    void aMissingOrUnreadableFileIsNamedOnce(@TempDir Path dir) {
        Path missing = dir.resolve("none.json");
        assertEquals("--env-vars file " + missing + ": no such file",
                assertThrows(InvokeException.class, () -> EnvVarsFile.forFunction(missing, "Fn")).getMessage());
        String directory = assertThrows(InvokeException.class, () -> EnvVarsFile.forFunction(dir, "Fn")).getMessage();
        assertTrue(directory.startsWith("cannot read --env-vars file " + dir + ": "), directory);
        assertEquals(1, Messages.count(directory, dir.toString()), directory);
    }
}
