package siteops.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DryRunTest {
    @Test
    void eachInvocationReturnsOnlyItsOwnHeldWritesBesideTheResult() throws Exception {
        DryRun dryRun = new DryRun();
        JsonInvocation.Body body = dryRun.around(event -> {
            dryRun.record("PagerDuty", "trigger event", Map.of("dedup_key", event.asText()));
            return "result " + event.asText();
        });
        body.apply(Json.MAPPER.getNodeFactory().textNode("first"));
        DryRun.Result second = (DryRun.Result) body.apply(Json.MAPPER.getNodeFactory().textNode("second"));
        assertTrue(second.dryRun());
        assertEquals("result second", second.result());
        assertEquals(1, second.wouldHaveSent().size());
        assertEquals(Map.of("dedup_key", "second"), second.wouldHaveSent().get(0).content());
        assertEquals("Dry run (DRY_RUN=true): nothing was written. Would have sent: trigger event (PagerDuty).", second.message());
    }

    @Test
    void nothingToSendIsSaid() throws Exception {
        DryRun.Result result = (DryRun.Result) new DryRun().around(event -> "ignored").apply(null);
        assertTrue(result.wouldHaveSent().isEmpty());
        assertTrue(result.message().contains("nothing would have been sent"), result.message());
    }

    @Test
    void theFlagIsTrueOrFalseAndNothingElse() {
        assertTrue(DryRun.requested(Environment.of(Map.of("DRY_RUN", "TRUE"))));
        assertEquals(false, DryRun.requested(Environment.of(Map.of())));
        assertEquals(false, DryRun.requested(Environment.of(Map.of("DRY_RUN", "false"))));
        ConfigurationException error = assertThrows(ConfigurationException.class,
                () -> DryRun.requested(Environment.of(Map.of("DRY_RUN", "yes"))));
        assertTrue(error.getMessage().contains("DRY_RUN") && error.getMessage().contains("yes"), error.getMessage());
    }
}
