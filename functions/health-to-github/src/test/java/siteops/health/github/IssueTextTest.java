package siteops.health.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import siteops.health.event.EventKey;
import siteops.health.event.HealthEvent;
import siteops.health.event.HealthEventTest;
import siteops.health.rules.IssuePlan;
import siteops.health.rules.IssueState;

/** GitHub's limits hold whatever AWS sends. */
class IssueTextTest {
    @Test
    void titleStaysWithin256CharactersAndKeepsRegionStatusAndAccount() {
        ObjectNode json = (ObjectNode) HealthEventTest.sample("issue-open.json");
        ((ObjectNode) json.get("detail")).put("eventTypeCode", "AWS_EC2_" + "VERY_LONG_".repeat(40));
        IssueState state = IssueState.of(HealthEvent.parse(json));
        String title = IssueText.title(state);
        assertTrue(title.length() <= IssueText.TITLE_LIMIT, "length " + title.length());
        assertTrue(title.endsWith("… in ap-northeast-1 [open] (123456789012)"), title);
    }

    @Test
    void labelsStayWithin50Characters() {
        ObjectNode json = (ObjectNode) HealthEventTest.sample("issue-open.json");
        ((ObjectNode) json.get("detail")).put("service", "S".repeat(80));
        List<IssueText.Label> labels = IssueText.labels(IssueState.of(HealthEvent.parse(json)));
        assertTrue(labels.stream().allMatch(l -> l.name().length() <= IssueText.LABEL_LIMIT), labels.toString());
        assertTrue(labels.stream().allMatch(l -> l.color().matches("[0-9a-f]{6}")));
    }

    @Test
    void bodyStaysWithinTheLimitWithThousandsOfEntitiesAndLongTextInTwoLanguages() {
        ObjectNode json = (ObjectNode) HealthEventTest.sample("japanese-text.json");
        ObjectNode detail = (ObjectNode) json.get("detail");
        ((ObjectNode) detail.get("eventDescription").get(0)).put("latestDescription", "証明書の更新。😀\n".repeat(6000));
        ((ObjectNode) detail.get("eventDescription").get(1)).put("latestDescription", "Renewal failed.\n".repeat(5000));
        ArrayNode entities = detail.putArray("affectedEntities");
        for (int i = 0; i < 5000; i++) {
            entities.addObject().put("entityValue", "arn:aws:ec2:ap-northeast-1:123456789012:instance/i-" + String.format("%017x", i))
                    .put("status", "IMPAIRED").put("lastUpdatedTime", "Sat, 1 Apr 2023 00:00:00 GMT");
        }
        IssueState state = IssueState.of(HealthEvent.parse(json));
        String body = IssueText.body(state, new EventKey(state.eventArn(), state.affectedAccount()));

        assertTrue(body.length() <= IssueText.BODY_LIMIT, "length " + body.length());
        assertTrue(body.contains("more characters of this description are not shown"));
        assertTrue(body.contains("more entities are not listed here"));
        assertTrue(body.contains("Affected entities (5000)"));
        assertFalse(Character.isHighSurrogate(body.charAt(body.length() - 1)));
        assertEquals(IssueState.MAX_ENTITIES, state.entities().size(), "the ledger keeps a bounded number");
        assertEquals(5000 - IssueState.MAX_ENTITIES, state.entitiesOmitted());
    }

    @Test
    void commentStaysWithinTheLimit() {
        ObjectNode json = (ObjectNode) HealthEventTest.sample("issue-update.json");
        ((ObjectNode) json.get("detail").get("eventDescription").get(0)).put("latestDescription", "x".repeat(200_000));
        IssuePlan plan = IssuePlan.decide(IssueState.of(HealthEvent.parse(HealthEventTest.sample("issue-open.json"))),
                HealthEvent.parse(json));
        String comment = IssueText.comment(plan, "<!-- marker -->");
        assertTrue(comment.length() <= IssueText.BODY_LIMIT, "length " + comment.length());
        assertTrue(comment.startsWith("<!-- marker -->"));
    }

    @Test
    void textFromAwsCannotBreakOutOfItsBlockOrMentionAnyone() {
        ObjectNode json = (ObjectNode) HealthEventTest.sample("issue-open.json");
        ((ObjectNode) json.get("detail").get("eventDescription").get(0)).put("latestDescription", "see ```\n@octocat #1 <b>x</b>\n```");
        IssueState state = IssueState.of(HealthEvent.parse(json));
        String body = IssueText.body(state, new EventKey(state.eventArn(), state.affectedAccount()));
        assertTrue(body.contains("````text\nsee ```\n@octocat #1 <b>x</b>\n```\n````"), body);
    }

    @Test
    void cutNeverSplitsASurrogatePair() {
        String text = "ab😀";
        assertEquals("ab", IssueText.cut(text, 3));
    }
}
