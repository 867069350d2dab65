package siteops.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The decisions, table-driven over the sample events: (what the issue shows) + (delivery) -> action. */
class IssuePlanTest {
    @ParameterizedTest(name = "{0} then {1} -> {2}, {3}")
    @CsvSource({
            // duplicates and backup copies
            "issue-open.json,               issue-open.json,             NOTHING,             NONE",
            "issue-open.json,               issue-open-backup-copy.json, NOTHING,             NONE",
            // updates, close, reopen
            "issue-open.json,               issue-update.json,           COMMENT_AND_REFRESH, NONE",
            "issue-update.json,             issue-closed.json,           COMMENT_AND_REFRESH, CLOSE",
            "issue-closed.json,             issue-closed.json,           NOTHING,             NONE",
            "issue-closed.json,             issue-reopened.json,         COMMENT_AND_REFRESH, REOPEN",
            // an older communication arriving late changes nothing it already shows
            "issue-update.json,             issue-open.json,             NOTHING,             NONE",
            // pages: another page refreshes without a comment, in either order
            "two-page-1.json,               two-page-2.json,             REFRESH,             NONE",
            "two-page-2.json,               two-page-1.json,             REFRESH,             NONE"})
    void decides(String shown, String delivered, IssuePlan.Action action, IssuePlan.Transition transition) {
        IssueState state = IssueState.of(event(shown));
        IssuePlan plan = IssuePlan.decide(state, event(delivered));
        assertEquals(action, plan.action(), plan.changes().toString());
        assertEquals(transition, plan.transition());
        if (action == IssuePlan.Action.NOTHING) {
            assertEquals(state, plan.next());
        }
    }

    @Test
    void aNewEventIsCreatedAndAClosedOneClosedAtOnce() {
        assertEquals(IssuePlan.Action.CREATE, IssuePlan.decide(null, event("issue-open.json")).action());
        IssuePlan closed = IssuePlan.decide(null, event("issue-closed.json"));
        assertEquals(IssuePlan.Action.CREATE, closed.action());
        assertEquals(IssuePlan.Transition.CLOSE, closed.transition());
    }

    @Test
    void listsWhatChanged() {
        IssuePlan plan = IssuePlan.decide(IssueState.of(event("issue-update.json")), event("issue-closed.json"));
        assertEquals(List.of(
                "New communication from AWS: `d3c9b1a7e5f04218b6a2c9e7f1d3b5a8c0e2f4a6-1`",
                "Status: open → closed",
                "Description updated (en_US)",
                "End time: not set → 2023-01-26 15:10:00 UTC"), plan.changes());
    }

    @Test
    void entityStatusChangesAreReported() {
        HealthEvent original = event("scheduled-change-entities.json");
        ObjectNode json = (ObjectNode) HealthEventTest.sample("scheduled-change-entities.json");
        ((ObjectNode) json.get("detail").get("affectedEntities").get(0)).put("status", "RESOLVED");
        IssuePlan plan = IssuePlan.decide(IssueState.of(original), HealthEvent.parse(json));
        assertEquals(IssuePlan.Action.COMMENT_AND_REFRESH, plan.action());
        assertTrue(plan.changes().contains("1 entity changed status: `i-0a1b2c3d4e5f60718`: PENDING → RESOLVED"), plan.changes().toString());
        assertEquals("RESOLVED", plan.next().entities().get("i-0a1b2c3d4e5f60718").status());
    }

    @Test
    void pagesMergeTheirEntities() {
        IssueState first = IssueState.of(event("two-page-2.json"));
        IssuePlan plan = IssuePlan.decide(first, event("two-page-1.json"));
        assertEquals(10, plan.next().entities().size());
        assertEquals(java.util.Set.of(1, 2), plan.next().pages());
        assertEquals(IssuePlan.Action.NOTHING, IssuePlan.decide(plan.next(), event("two-page-2.json")).action());
    }

    private static HealthEvent event(String file) {
        return HealthEvent.parse(HealthEventTest.sample(file));
    }
}
