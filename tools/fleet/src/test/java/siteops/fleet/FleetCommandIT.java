package siteops.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import siteops.testing.CommandRun;
import siteops.testing.MotoServer;

/** bin/fleet as an SRE runs it: the packaged jar, a fresh JVM, endpoints and Region from AWS_* variables only. */
@ExtendWith(MotoServer.class)
class FleetCommandIT {
    private FleetTestBed bed;
    private Map<String, String> env;

    @BeforeEach
    void setUp(MotoServer moto) {
        bed = new FleetTestBed(moto);
        env = new HashMap<>(moto.environment());
        env.put("AWS_ENDPOINT_URL_SSM", bed.ssmFake.endpoint().toString());
        env.put("SITEOPS_FLEET_POLL_SECONDS", "0.05");
    }

    @AfterEach
    void tearDown() {
        bed.close();
    }

    @Test
    void aRunEndsWithTheSummaryAndTheExitCode() {
        String ok = bed.instance("corporate", "prod");
        String bad = bed.instance("news", "prod");
        bed.ssmFake.outcome(bad, FakeSsmRunCommand.Outcome.failed(3, "nginx: [emerg] unknown directive\n"));

        CommandRun.Result result = CommandRun.run("fleet", List.of("run", "--all", "--command", "nginx -t", "--max-errors", "1"), env, null);

        assertEquals(1, result.exitCode(), result::toString);
        assertTrue(result.stdout().contains("corporate  prod  " + ok + "  Success"), result::toString);
        assertTrue(result.stdout().contains("    nginx: [emerg] unknown directive"), result::toString);
        assertTrue(result.stdout().endsWith("1 succeeded, 1 failed\n"), result::toString);
        assertTrue(result.stderr().contains("fleet: 2/2 done, 1 failed"), result::toString);
    }

    @Test
    void usageErrorsAndAMissingRegionExitWithTwo() {
        CommandRun.Result usage = CommandRun.run("fleet", List.of("run", "--all", "--command", "true", "--timeout", "soon"), env, null);
        assertEquals(2, usage.exitCode(), usage::toString);
        assertTrue(usage.stderr().contains("--timeout 'soon' is not a whole number of seconds"), usage::toString);

        Map<String, String> noRegion = new HashMap<>(env);
        noRegion.remove("AWS_REGION");
        noRegion.remove("AWS_DEFAULT_REGION");
        CommandRun.Result region = CommandRun.run("fleet", List.of("list", "--all"), noRegion, null);
        assertEquals(2, region.exitCode(), region::toString);
        assertTrue(region.stderr().contains("AWS_REGION is not set"), region::toString);
        assertEquals(List.of(), bed.ssmFake.operations());
    }
}
