package siteops.purge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;
import siteops.common.Environment;

class PurgeConfigTest {
    static final String ARN = "arn:aws:states:ap-northeast-1:123456789012:stateMachine:siteops-purge-completion";

    @Test
    void theCompletionStateMachineIsOptional() {
        assertEquals(ARN, PurgeConfig.from(Environment.of(Map.of("PURGE_COMPLETION_STATE_MACHINE", ARN))).completionStateMachine());
        assertNull(PurgeConfig.from(Environment.of(Map.of())).completionStateMachine(), "absent: off");
        assertNull(PurgeConfig.from(Environment.of(Map.of("PURGE_COMPLETION_STATE_MACHINE", " "))).completionStateMachine(), "empty: off");
    }
}
