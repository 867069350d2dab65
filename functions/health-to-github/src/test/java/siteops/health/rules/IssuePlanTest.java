package siteops.health.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import siteops.common.Json;
import siteops.health.event.EventKey;
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
    void aPageThatDoesNotSayHowManyThereAreKeepsTheCountAnEarlierPageGave() {
        IssueState first = IssueState.of(event("two-page-2.json"));
        IssueState next = IssuePlan.decide(first, edited("two-page-1.json", d -> d.remove("totalPages"))).next();
        assertEquals(2, next.totalPages());
        assertTrue(IssueText.body(next, new EventKey(next.eventArn(), next.affectedAccount())).contains("(pages 1, 2 of 2 received)"));
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

    @Test
    void newlyAffectedEntitiesAreAnnounced() {
        IssueState shown = IssueState.of(event("issue-open.json"));
        IssuePlan two = IssuePlan.decide(shown, edited("issue-update.json", d -> entities(d, 0, 2)));
        assertTrue(IssueText.changes(two).contains("2 new affected entities"), IssueText.changes(two).toString());
        IssuePlan one = IssuePlan.decide(two.next(), edited("issue-closed.json", d -> entities(d, 1, 3)));
        assertTrue(IssueText.changes(one).contains("1 new affected entity"), IssueText.changes(one).toString());
        assertEquals(3, one.next().entities().size());
    }

    @Test
    void aStartTimeChangeIsListedAndAMissingOneKeepsTheShownTime() {
        IssueState shown = IssueState.of(event("issue-open.json"));
        IssuePlan moved = IssuePlan.decide(shown, edited("issue-update.json", d -> d.put("startTime", "Thu, 26 Jan 2023 12:50:00 GMT")));
        assertEquals(List.of("New communication from AWS: `8f42a2d1c5e07b3a9d6e41f0b2c8a7d5e3f1a9b0-1`",
                "Description updated (en_US)",
                "Start time: 2023-01-26 13:19:03 UTC → 2023-01-26 12:50:00 UTC"), IssueText.changes(moved));
        IssuePlan undatedStart = IssuePlan.decide(shown, edited("issue-update.json", d -> d.remove("startTime")));
        assertEquals("Thu, 26 Jan 2023 13:19:03 GMT", undatedStart.next().startTime());
        assertTrue(IssueText.changes(undatedStart).stream().noneMatch(c -> c.startsWith("Start time")), IssueText.changes(undatedStart).toString());
    }

    @Test
    void reopeningClearsTheEndTimeThatNoLongerHolds() {
        IssueState closed = IssueState.of(event("issue-closed.json"));
        IssuePlan reopened = IssuePlan.decide(closed, event("issue-reopened.json"));
        assertEquals(IssuePlan.Transition.REOPEN, reopened.transition());
        assertEquals(null, reopened.next().endTime());
        assertTrue(IssueText.changes(reopened).contains("End time: 2023-01-26 15:10:00 UTC → not set"), IssueText.changes(reopened).toString());
        // Still closed, and the new communication leaves the end time out: the issue keeps showing it.
        IssuePlan stillClosed = IssuePlan.decide(closed, edited("issue-closed.json",
                d -> d.put("communicationId", "c9-1").put("lastUpdatedTime", "Thu, 26 Jan 2023 16:00:00 GMT").remove("endTime")));
        assertEquals("Thu, 26 Jan 2023 15:10:00 GMT", stillClosed.next().endTime());
        assertEquals(List.of("New communication from AWS: `c9-1`"), IssueText.changes(stillClosed));
    }

    @Test
    void aDescriptionInANewLanguageIsAnnouncedAsAdded() {
        IssueState shown = IssueState.of(event("issue-open.json"));
        IssuePlan plan = IssuePlan.decide(shown, edited("issue-open.json", d -> ((ArrayNode) d.get("eventDescription")).addObject()
                .put("language", "ja_JP").put("latestDescription", "調査中です。")));
        assertEquals(List.of("Description added in ja_JP"), IssueText.changes(plan));
        IssueState withoutText = IssueState.of(edited("issue-open.json", d -> d.remove("eventDescription")));
        assertEquals(List.of("Description updated (en_US)"), IssueText.changes(IssuePlan.decide(withoutText, event("issue-open.json"))));
    }

    @Test
    void afterAPostedButUnrecordedCloseTheReopenedEventReopensTheIssue() {
        IssueState stored = IssueState.of(event("issue-update.json"));
        IssueState announced = IssuePlan.decide(stored, event("issue-closed.json")).next();

        IssuePlan plan = IssuePlan.afterPostedComment(stored, announced, event("issue-reopened.json"));

        assertEquals(IssuePlan.Transition.REOPEN, plan.transition(), "the posted comment may have closed the issue");
        assertTrue(IssueText.comment(plan, "<!-- m -->").contains("AWS reopened this event; reopening the issue."));
    }

    @Test
    void afterAPostedButUnrecordedReopenTheIssueIsReopenedWhetherOrNotTheReopenHappened() {
        IssueState stored = IssueState.of(event("issue-closed.json"));
        IssueState announced = IssuePlan.decide(stored, event("issue-reopened.json")).next();
        IssuePlan plan = IssuePlan.afterPostedComment(stored, announced,
                edited("issue-reopened.json", d -> d.put("communicationId", "c5-1").put("lastUpdatedTime", "Thu, 26 Jan 2023 17:00:00 GMT")));
        assertEquals(IssuePlan.Transition.REOPEN, plan.transition());
        assertEquals(IssuePlan.Transition.NONE, IssuePlan.afterPostedComment(announced, announced,
                edited("issue-reopened.json", d -> d.put("communicationId", "c5-1").put("lastUpdatedTime", "Thu, 26 Jan 2023 17:00:00 GMT")))
                .transition(), "open before and after the comment: nothing to reopen");
    }

    @Test
    void updatesKeepTheEntityCapAndCountTheRestOnce() {
        // 3,000 entities shown; the next communication lists them again plus 2,000 more.
        IssueState shown = IssueState.of(edited("issue-open.json", d -> entities(d, 0, IssueState.MAX_ENTITIES)));
        assertEquals(0, shown.entitiesOmitted());
        HealthEvent update = edited("issue-update.json", d -> entities(d, 0, 5000));
        IssuePlan plan = IssuePlan.decide(shown, update);
        assertEquals(IssueState.MAX_ENTITIES, plan.next().entities().size(), "the DynamoDB item stays bounded");
        assertEquals(2000, plan.next().entitiesOmitted());
        String body = IssueText.body(plan.next(), new EventKey(shown.eventArn(), shown.affectedAccount()));
        assertTrue(body.length() <= IssueText.BODY_LIMIT, "length " + body.length());
        assertTrue(body.contains("Affected entities (5000)"), body.substring(0, 2000));
        // The same delivery again (a backup copy, a retry): nothing changes, the count does not grow.
        assertEquals(IssuePlan.Action.NOTHING, IssuePlan.decide(plan.next(), update).action());
        // Another page of the same communication adds its own.
        HealthEvent page2 = edited("issue-update.json", d -> {
            entities(d, 5000, 5500);
            d.put("communicationId", "8f42a2d1c5e07b3a9d6e41f0b2c8a7d5e3f1a9b0-2").put("page", "2").put("totalPages", "2");
        });
        assertEquals(2500, IssuePlan.decide(plan.next(), page2).next().entitiesOmitted());
        // A late copy of the first communication adds none either.
        IssuePlan late = IssuePlan.decide(plan.next(), edited("issue-open.json", d -> entities(d, 0, 5000)));
        assertEquals(IssuePlan.Action.NOTHING, late.action());
        // A late copy that names an entity beyond the cap counts it.
        IssueState full = IssuePlan.decide(shown, edited("issue-update.json", d -> entities(d, 0, IssueState.MAX_ENTITIES))).next();
        assertEquals(1, IssuePlan.decide(full, edited("issue-open.json", d -> entities(d, 0, IssueState.MAX_ENTITIES + 1)))
                .next().entitiesOmitted());
        assertEquals(IssueState.MAX_ENTITIES, IssuePlan.decide(shown, edited("issue-open.json", d -> entities(d, 0, 3001)))
                .next().entities().size(), "a repeat of the first page keeps the cap too");
    }

    @Test
    void anEntityListedTwiceInAFullPageIsNotCountedAsMissing() {
        IssueState state = IssueState.of(edited("issue-open.json", d -> {
            entities(d, 0, IssueState.MAX_ENTITIES);
            ((ArrayNode) d.get("affectedEntities")).addObject().put("entityValue", "i-0").put("status", "RESOLVED");
        }));
        assertEquals(0, state.entitiesOmitted());
        assertEquals("RESOLVED", state.entities().get("i-0").status());
    }

    @Test
    void aRecordStoredBeforeTheListsExistedStillReads() throws Exception {
        IssueState old = Json.MAPPER.readValue("""
                {"eventArn": "arn:aws:health:ap-northeast-1::event/EC2/X/X_1", "affectedAccount": "123456789012",
                 "service": "EC2", "eventTypeCode": "X", "category": "issue", "eventRegion": "ap-northeast-1",
                 "status": "open", "entitiesOmitted": 0, "totalPages": 1}""", IssueState.class);
        assertTrue(old.descriptions().isEmpty() && old.entities().isEmpty() && old.pages().isEmpty());
        assertEquals(List.of(), old.communicationsSeen());
        assertFalse(old.seen("c1"));
    }

    /** The sample with its detail edited. */
    private static HealthEvent edited(String file, Consumer<ObjectNode> detail) {
        ObjectNode json = (ObjectNode) HealthEventTest.sample(file);
        detail.accept((ObjectNode) json.get("detail"));
        return HealthEvent.parse(json);
    }

    /** Entities i-from .. i-(to - 1), all IMPAIRED. */
    private static void entities(ObjectNode detail, int from, int to) {
        ArrayNode entities = detail.putArray("affectedEntities");
        for (int i = from; i < to; i++) {
            entities.addObject().put("entityValue", "i-" + i).put("status", "IMPAIRED");
        }
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
