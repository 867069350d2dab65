package siteops.health.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import siteops.health.event.HealthEvent;
import siteops.health.event.HealthEventTest;
import siteops.health.github.IssueText;

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
        assertEquals(action, plan.action(), IssueText.changes(plan).toString());
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
                "End time: not set → 2023-01-26 15:10:00 UTC"), IssueText.changes(plan));
    }

    @Test
    void entityStatusChangesAreReported() {
        HealthEvent original = event("scheduled-change-entities.json");
        ObjectNode json = (ObjectNode) HealthEventTest.sample("scheduled-change-entities.json");
        ((ObjectNode) json.get("detail").get("affectedEntities").get(0)).put("status", "RESOLVED");
        IssuePlan plan = IssuePlan.decide(IssueState.of(original), HealthEvent.parse(json));
        assertEquals(IssuePlan.Action.COMMENT_AND_REFRESH, plan.action());
        assertTrue(IssueText.changes(plan).contains("1 entity changed status: `i-0a1b2c3d4e5f60718`: PENDING → RESOLVED"), IssueText.changes(plan).toString());
        assertEquals("RESOLVED", plan.next().entities().get("i-0a1b2c3d4e5f60718").status());
    }

    @Test
    void pagesMergeTheirEntities() {
        IssueState first = IssueState.of(event("two-page-2.json"));
        IssuePlan plan = IssuePlan.decide(first, event("two-page-1.json"));
        assertEquals(10, plan.next().entities().size());
        assertEquals(Set.of(1, 2), plan.next().pages());
        assertEquals(IssuePlan.Action.NOTHING, IssuePlan.decide(plan.next(), event("two-page-2.json")).action());
    }

    @Test
    void anEarlierCommunicationDeliveredLateIsRecognisedWithoutLastUpdatedTime() {
        // open (c1) -> update (c2) -> closed (c3), none of them dated: then late copies of c1 and c2.
        IssueState shown = IssueState.of(undated("issue-open.json"));
        shown = IssuePlan.decide(shown, undated("issue-update.json")).next();
        shown = IssuePlan.decide(shown, undated("issue-closed.json")).next();
        assertTrue(shown.closed());

        for (String late : List.of("issue-open.json", "issue-update.json")) {
            IssuePlan plan = IssuePlan.decide(shown, undated(late));
            assertEquals(IssuePlan.Action.NOTHING, plan.action(), late + ": " + IssueText.changes(plan));
            assertEquals(IssuePlan.Transition.NONE, plan.transition(), late);
        }
        assertEquals(IssuePlan.Action.NOTHING, IssuePlan.decide(shown, undated("issue-closed.json")).action());
        // A communication not seen before is an update, dated or not: here it reopens the event.
        assertEquals(IssuePlan.Transition.REOPEN, IssuePlan.decide(shown, undated("issue-reopened.json")).transition());
    }

    @Test
    void aLateCommunicationOnlyAddsEntities() {
        ObjectNode open = (ObjectNode) HealthEventTest.sample("scheduled-change-entities.json");
        ((ObjectNode) open.get("detail")).remove("lastUpdatedTime");
        ObjectNode later = open.deepCopy();
        ((ObjectNode) later.get("detail")).put("communicationId", "c2-1").put("statusCode", "closed");
        ObjectNode lateCopy = open.deepCopy();
        ((ObjectNode) lateCopy.get("detail").get("affectedEntities").get(0)).put("entityValue", "i-0new0000000000000");

        IssueState shown = IssuePlan.decide(IssueState.of(HealthEvent.parse(open)), HealthEvent.parse(later)).next();
        IssuePlan plan = IssuePlan.decide(shown, HealthEvent.parse(lateCopy));

        assertEquals(IssuePlan.Action.REFRESH, plan.action(), IssueText.changes(plan).toString());
        assertEquals(IssuePlan.Transition.NONE, plan.transition());
        assertTrue(plan.next().entities().containsKey("i-0new0000000000000"));
        assertEquals("closed", plan.next().status());
        assertEquals(shown.communication(), plan.next().communication());
    }

    @Test
    void rememberedCommunicationsAreBounded() {
        IssueState shown = IssueState.of(undated("issue-open.json"));
        ObjectNode json = (ObjectNode) HealthEventTest.sample("issue-open.json");
        ((ObjectNode) json.get("detail")).remove("lastUpdatedTime");
        for (int i = 1; i <= 60; i++) {
            ((ObjectNode) json.get("detail")).put("communicationId", "communication" + i + "-1");
            shown = IssuePlan.decide(shown, HealthEvent.parse(json)).next();
        }
        assertEquals(IssueState.COMMUNICATIONS_REMEMBERED, shown.communicationsSeen().size());
        assertEquals("communication60", shown.communicationsSeen().get(IssueState.COMMUNICATIONS_REMEMBERED - 1));
        assertTrue(shown.seen("communication11"));
        assertFalse(shown.seen("communication10"), "the oldest are forgotten");
    }

    @Test
    void afterAPostedButUnrecordedCommentOnlyWhatIsNewIsListed() {
        IssueState stored = IssueState.of(event("issue-open.json"));
        IssueState announced = IssuePlan.decide(stored, event("issue-update.json")).next();

        IssuePlan plan = IssuePlan.afterPostedComment(stored, announced, event("issue-closed.json"));

        assertEquals(IssueText.changes(IssuePlan.decide(announced, event("issue-closed.json"))), IssueText.changes(plan));
        assertEquals(IssuePlan.Transition.CLOSE, plan.transition());
        // Nothing new since the comment: the body and the record still catch up, without another comment.
        IssuePlan caughtUp = IssuePlan.afterPostedComment(stored, announced, event("issue-update.json"));
        assertEquals(IssuePlan.Action.REFRESH, caughtUp.action());
        assertEquals(announced, caughtUp.next());
    }

    @Test
    void afterAPostedCloseTheIssueIsClosedWhetherOrNotTheCloseHappened() {
        IssueState stored = IssueState.of(event("issue-update.json"));
        IssueState announced = IssuePlan.decide(stored, event("issue-closed.json")).next();
        ObjectNode json = (ObjectNode) HealthEventTest.sample("issue-closed.json");
        ((ObjectNode) json.get("detail")).put("communicationId", "c4-1").put("lastUpdatedTime", "Thu, 26 Jan 2023 15:30:00 GMT");

        IssuePlan plan = IssuePlan.afterPostedComment(stored, announced, HealthEvent.parse(json));

        assertEquals(IssuePlan.Transition.CLOSE, plan.transition(), "closed -> closed since the comment, open before it");
        assertEquals(List.of("New communication from AWS: `c4-1`"), IssueText.changes(plan));
    }

    private static HealthEvent event(String file) {
        return HealthEvent.parse(HealthEventTest.sample(file));
    }

    /** The sample without lastUpdatedTime (AWS often leaves it out). */
    private static HealthEvent undated(String file) {
        ObjectNode json = (ObjectNode) HealthEventTest.sample(file);
        ((ObjectNode) json.get("detail")).remove("lastUpdatedTime");
        return HealthEvent.parse(json);
    }
}
