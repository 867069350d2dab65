package siteops.invoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassArchiveTest {
    @Test
    void aMissingClassPathEntryIsNamedOnce(@TempDir Path dir) {
        Path missing = dir.resolve("fn.jar");
        InvokeException error = assertThrows(InvokeException.class, () -> ClassArchive.forClassPath(dir, "Fn", List.of(missing)));
        assertEquals("class path entry " + missing + ": no such file", error.getMessage());
    }
}
