package siteops.local;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetachedProcessesTest {
    @Test
    void aProcessIsKnownByItsPidAndCommandLineAndStoppedWithWhatItStarted(@TempDir Path dir) {
        Path log = dir.resolve("log");
        // A shell that starts a child of its own, as moto_server may.
        Process process = DetachedProcesses.start(List.of("bash", "-c", "sleep 60 & wait"), dir, log, log);
        long pid = process.pid();
        while (process.children().findAny().isEmpty() && process.isAlive()) {
            DetachedProcesses.pause(20);
        }
        List<ProcessHandle> children = process.children().toList();
        assertTrue(DetachedProcesses.alive(pid, "sleep 60"));
        assertFalse(DetachedProcesses.alive(pid, "moto_server"), "another program on a reused pid is not ours");

        assertFalse(DetachedProcesses.stop(pid, "moto_server"), "not ours: left alone");
        assertTrue(DetachedProcesses.alive(pid, "sleep 60"));
        assertTrue(DetachedProcesses.stop(pid, "sleep 60"));
        assertFalse(DetachedProcesses.alive(pid, "sleep 60"));
        assertFalse(children.isEmpty());
        children.forEach(child -> assertFalse(DetachedProcesses.alive(child.pid(), "sleep"), "child left running: " + child.pid()));
        assertFalse(DetachedProcesses.stop(pid, "sleep 60"), "stopping twice stops nothing");
    }
}
