package siteops.health.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
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
    void theBodyShowsTheEventAsATableWithTheConsoleLinkDescriptionAndEntities() {
        IssueState state = IssueState.of(HealthEvent.parse(HealthEventTest.sample("scheduled-change-entities.json")));
        String arn = "arn:aws:health:ap-northeast-1::event/EC2/AWS_EC2_INSTANCE_REBOOT_MAINTENANCE_SCHEDULED/"
                + "AWS_EC2_INSTANCE_REBOOT_MAINTENANCE_SCHEDULED_1675400000000";
        String link = "https://health.aws.amazon.com/health/home#/account/event-log?eventID=arn%3Aaws%3Ahealth%3Aap-northeast-1%3A%3Aevent"
                + "%2FEC2%2FAWS_EC2_INSTANCE_REBOOT_MAINTENANCE_SCHEDULED%2FAWS_EC2_INSTANCE_REBOOT_MAINTENANCE_SCHEDULED_1675400000000"
                + "&eventTab=details";
        assertEquals(link, IssueText.consoleLink(state));
        assertEquals("""
                <!-- siteops:aws-health key=34628e4d9feba901ae959f04d88dabff -->
                ## EC2 scheduledChange event in ap-northeast-1

                | | |
                |---|---|
                | Status | **upcoming** |
                | Event type | `AWS_EC2_INSTANCE_REBOOT_MAINTENANCE_SCHEDULED` |
                | Event ARN | `%s` |
                | Account | 123456789012 |
                | Region | ap-northeast-1 |
                | Category | scheduledChange |
                | Scope | ACCOUNT_SPECIFIC |
                | Start | 2023-02-17 01:00:00 UTC |
                | End | 2023-02-17 03:00:00 UTC |
                | Last updated by AWS | 2023-02-03 08:05:11 UTC |
                | Communication | `2b6f3c9d1e0a4f7b8c5d2e9f1a3b6c8d0e7f4a2b` |

                [Open this event in the AWS Health console](%s)

                ### Description (en_US)

                ```text
                One or more of your Amazon EC2 instances in the ap-northeast-1 region is scheduled for a reboot during the window below.

                During the maintenance window, the instances will be rebooted. The maintenance typically takes a few minutes. \
                To reboot at a time of your choosing, reboot the instances yourself before the window starts.

                Affected instances are listed in the 'Affected resources' tab of the AWS Health Dashboard.
                ```

                ### Affected entities (3)

                | Entity | Status | Last updated |
                |---|---|---|
                | `i-0123456789abcdef0` |  |  |
                | `i-0a1b2c3d4e5f60718` | PENDING | 2023-02-03 08:05:11 UTC |
                | `i-0f9e8d7c6b5a40312` | PENDING |  |

                <sub>Kept up to date by siteops HealthToGitHubFunction: one issue per event and account; updates arrive as comments.</sub>
                """.formatted(arn, link), IssueText.body(state, new EventKey(state.eventArn(), state.affectedAccount())));
    }

    @Test
    void theBodySaysWhatAwsLeftOutAndWhichPagesArrived() {
        ObjectNode json = (ObjectNode) HealthEventTest.sample("two-page-2.json");
        ((ObjectNode) json.get("detail")).remove("eventScopeCode");
        ((ObjectNode) json.get("detail")).remove("eventDescription");
        ((ObjectNode) json.get("detail")).remove("endTime");
        ((ObjectNode) json.get("detail")).put("service", "<b>@octocat|x</b>");
        IssueState state = IssueState.of(HealthEvent.parse(json));
        String body = IssueText.body(state, new EventKey(state.eventArn(), state.affectedAccount()));
        assertTrue(body.contains("| Scope | not given |\n"), body);
        assertTrue(body.contains("| End | not given |\n"), body);
        assertTrue(body.contains("(pages 2 of 2 received) |\n"), body);
        assertTrue(body.contains("\n### Description\n\nAWS sent no description.\n"), body);
        assertTrue(body.contains("## &lt;b&gt;@\u200boctocat\\|x&lt;/b&gt; scheduledChange event"), body);
    }

    @Test
    void atMost1000EntitiesAreListedAndTheRestCounted() {
        ObjectNode json = (ObjectNode) HealthEventTest.sample("issue-open.json");
        ArrayNode entities = ((ObjectNode) json.get("detail")).putArray("affectedEntities");
        for (int i = 0; i < 1001; i++) {
            entities.addObject().put("entityValue", String.format("i-%04d", i));
        }
        IssueState state = IssueState.of(HealthEvent.parse(json));
        String body = IssueText.body(state, new EventKey(state.eventArn(), state.affectedAccount()));
        assertTrue(body.contains("| `i-0999` |  |  |\n"), "the 1000th is listed");
        assertFalse(body.contains("i-1000"), "the 1001st is not");
        assertTrue(body.contains("\n> **Truncated:** 1 more entities are not listed here (GitHub limits an issue to 65,536 characters). "
                + "See them all in the [AWS Health console](" + IssueText.consoleLink(state) + ").\n"), body);
        entities.remove(1000);
        IssueState thousand = IssueState.of(HealthEvent.parse(json));
        assertFalse(IssueText.body(thousand, new EventKey(state.eventArn(), state.affectedAccount())).contains("Truncated"));
    }

    @Test
    void anUpdateCommentListsTheChangesTheNewDescriptionAndTheClose() {
        IssuePlan plan = IssuePlan.decide(IssueState.of(HealthEvent.parse(HealthEventTest.sample("issue-update.json"))),
                HealthEvent.parse(HealthEventTest.sample("issue-closed.json")));
        assertEquals("""
                <!-- m -->
                **AWS Health update** for `AWS_EC2_OPERATIONAL_ISSUE` (123456789012, ap-northeast-1)

                - New communication from AWS: `d3c9b1a7e5f04218b6a2c9e7f1d3b5a8c0e2f4a6-1`
                - Status: open → closed
                - Description updated (en_US)
                - End time: not set → 2023-01-26 15:10:00 UTC

                <details><summary>Latest description (en_US)</summary>

                ```text
                Between 5:19 AM and 7:10 AM PST we experienced increased API error rates and latencies for the RunInstances API in \
                the AP-NORTHEAST-1 Region. The issue has been resolved and the service is operating normally.
                ```

                </details>

                AWS closed this event (end: 2023-01-26 15:10:00 UTC); closing the issue.

                The issue description shows the event as it is now. [AWS Health console](%s)
                """.formatted(IssueText.consoleLink(plan.next())), IssueText.comment(plan, "<!-- m -->"));
        // Without a description change the comment repeats no description.
        ObjectNode reopened = (ObjectNode) HealthEventTest.sample("issue-closed.json");
        ((ObjectNode) reopened.get("detail")).put("statusCode", "open").put("communicationId", "c9-1")
                .put("lastUpdatedTime", "Thu, 26 Jan 2023 16:40:00 GMT");
        IssuePlan statusOnly = IssuePlan.decide(IssueState.of(HealthEvent.parse(HealthEventTest.sample("issue-closed.json"))),
                HealthEvent.parse(reopened));
        String comment = IssueText.comment(statusOnly, "<!-- m -->");
        assertFalse(comment.contains("<details>"), comment);
        assertTrue(comment.contains("\nAWS reopened this event; reopening the issue.\n"), comment);
    }

    @Test
    void manyEntityStatusChangesListTenByName() {
        List<IssuePlan.Change.EntityStatus> changes = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            changes.add(new IssuePlan.Change.EntityStatus("i-" + i, i == 1 ? null : "PENDING", "RESOLVED"));
        }
        IssueState state = IssueState.of(HealthEvent.parse(HealthEventTest.sample("issue-open.json")));
        String line = IssueText.changes(new IssuePlan(IssuePlan.Action.COMMENT_AND_REFRESH, state,
                List.of(new IssuePlan.Change.EntityStatusesChanged(changes)), IssuePlan.Transition.NONE)).get(0);
        assertTrue(line.startsWith("12 entities changed status: `i-1`: no status → RESOLVED, `i-2`: PENDING → RESOLVED, "), line);
        assertTrue(line.endsWith("`i-10`: PENDING → RESOLVED and 2 more"), line);
        String ten = IssueText.changes(new IssuePlan(IssuePlan.Action.COMMENT_AND_REFRESH, state,
                List.of(new IssuePlan.Change.EntityStatusesChanged(changes.subList(0, 10))), IssuePlan.Transition.NONE)).get(0);
        assertTrue(ten.endsWith("`i-10`: PENDING → RESOLVED"), ten);
    }

    @Test
    void labelsNameTheServiceAndCategoryWithFixedColours() {
        IssueState state = IssueState.of(HealthEvent.parse(HealthEventTest.sample("scheduled-change-entities.json")));
        assertEquals(List.of(
                new IssueText.Label("aws-health", "ff9900", "Opened by siteops from an AWS Health event"),
                new IssueText.Label("service:EC2", "1d76db", "AWS service named by AWS Health"),
                new IssueText.Label("category:scheduledChange", "c5def5", "AWS Health event type category")), IssueText.labels(state));
    }

    @Test
    void titleNamesServiceCodeRegionStatusAndAccount() {
        IssueState state = IssueState.of(HealthEvent.parse(HealthEventTest.sample("issue-open.json")));
        assertEquals("AWS Health: EC2 AWS_EC2_OPERATIONAL_ISSUE in ap-northeast-1 [open] (123456789012)", IssueText.title(state));
        ObjectNode json = (ObjectNode) HealthEventTest.sample("issue-open.json");
        ((ObjectNode) json.get("detail")).put("service", "S".repeat(300));
        String title = IssueText.title(IssueState.of(HealthEvent.parse(json)));
        assertEquals(IssueText.TITLE_LIMIT, title.length());
        assertTrue(title.startsWith("AWS Health: SSS"), title);
    }

    @Test
    void aLongDescriptionIsCutAtALineNearTheLimitAndSaysHowMuchIsLeft() {
        ObjectNode json = (ObjectNode) HealthEventTest.sample("issue-open.json");
        ((ObjectNode) json.get("detail").get("eventDescription").get(0)).put("latestDescription", "x".repeat(40_001));
        IssueState state = IssueState.of(HealthEvent.parse(json));
        String body = IssueText.body(state, new EventKey(state.eventArn(), state.affectedAccount()));
        assertTrue(body.contains("\n> **Truncated:** 1 more characters of this description are not shown"), body.substring(body.length() - 1500));
        ((ObjectNode) json.get("detail").get("eventDescription").get(0)).put("latestDescription", "x".repeat(40_000));
        IssueState exact = IssueState.of(HealthEvent.parse(json));
        assertFalse(IssueText.body(exact, new EventKey(state.eventArn(), state.affectedAccount())).contains("Truncated"));
        // The updated description in a comment gets half that room.
        IssuePlan plan = IssuePlan.decide(IssueState.of(HealthEvent.parse(HealthEventTest.sample("issue-open.json"))), HealthEvent.parse(json));
        assertTrue(IssueText.comment(plan, "<!-- m -->").contains("> **Truncated:** 20000 more characters"), "comment budget");
    }

    @Test
    void cuttingPrefersALineBreakInTheLastQuarter() {
        assertEquals("abcdefgh", IssueText.cutAtLine("abcdefgh", 8));
        assertEquals("abcdefg\nh", IssueText.cutAtLine("abcdefg\nh", 9), "a text of exactly the limit is kept whole");
        assertEquals("abcdefg", IssueText.cutAtLine("abcdefg\nhij", 8));
        assertEquals("abcdefg", IssueText.cutAtLine("abcdefg\nhijklmnop", 9), "a line break within the last quarter is used");
        assertEquals("abcdef\nhi", IssueText.cutAtLine("abcdef\nhijklmnop", 9), "cut at the limit without a break in the last quarter");
        assertEquals("ab\ncdefghijklmn", IssueText.cutAtLine("ab\ncdefghijklmnop", 15), "an early line break is not used");
        assertEquals("abc", IssueText.fit("abc", 3, "https://l"));
        String fitted = IssueText.fit("line\n".repeat(60), 200, "https://l");
        assertTrue(fitted.length() <= 200, fitted);
        String notice = "\n\n> **Truncated** to fit GitHub's limit of 200 characters. Full text: https://l\n";
        assertTrue(fitted.endsWith(notice), fitted);
        String kept = fitted.substring(0, fitted.length() - notice.length());
        assertTrue(kept.matches("(line\n)+line") && kept.length() > 80, kept);
    }

    @Test
    void aCloseWithoutEndTimeAndTheEmptyEntityListAreShownPlainly() {
        IssuePlan plan = IssuePlan.decide(IssueState.of(HealthEvent.parse(HealthEventTest.sample("issue-open.json"))),
                HealthEvent.parse(editedDetail("issue-closed.json", d -> d.remove("endTime"))));
        assertTrue(IssueText.comment(plan, "<!-- m -->").contains("\nAWS closed this event; closing the issue.\n"));
        IssueState open = IssueState.of(HealthEvent.parse(HealthEventTest.sample("issue-open.json")));
        assertFalse(IssueText.body(open, new EventKey(open.eventArn(), open.affectedAccount())).contains("Affected entities"));
    }

    @Test
    void theCommentMarkerNamesTheEventAndTheStateTheUpdateLeadsTo() {
        IssueState open = IssueState.of(HealthEvent.parse(HealthEventTest.sample("issue-open.json")));
        IssueState update = IssuePlan.decide(open, HealthEvent.parse(HealthEventTest.sample("issue-update.json"))).next();
        EventKey key = new EventKey(open.eventArn(), open.affectedAccount());
        String marker = IssueText.commentMarker(key, update);
        assertTrue(marker.matches("<!-- siteops:aws-health update=" + key.digest() + "/[0-9a-f]{16} -->"), marker);
        assertEquals(marker, IssueText.commentMarker(key, update));
        assertFalse(marker.equals(IssueText.commentMarker(key, open)));
    }

    @Test
    void theTitleKeepsTheEventCodeWholeWhenItFitsAndShortensItWithAnEllipsis() {
        String head = "AWS Health: EC2 ";
        String tail = " in ap-northeast-1 [open] (123456789012)";
        int room = IssueText.TITLE_LIMIT - head.length() - tail.length();
        String fits = "C".repeat(room);
        assertEquals(head + fits + tail, IssueText.title(IssueState.of(HealthEvent.parse(editedDetail("issue-open.json",
                d -> d.put("eventTypeCode", fits))))));
        assertEquals(head + "C".repeat(room - 1) + "…" + tail, IssueText.title(IssueState.of(HealthEvent.parse(editedDetail("issue-open.json",
                d -> d.put("eventTypeCode", fits + "C"))))));
        // A service name that leaves exactly ten characters for the code still gets a shortened code.
        String service = "S".repeat(IssueText.TITLE_LIMIT - "AWS Health:  ".length() - tail.length() - 10);
        assertEquals("AWS Health: " + service + " AWS_EC2_O…" + tail,
                IssueText.title(IssueState.of(HealthEvent.parse(editedDetail("issue-open.json", d -> d.put("service", service))))));
    }

    private static JsonNode editedDetail(String file, Consumer<ObjectNode> detail) {
        ObjectNode json = (ObjectNode) HealthEventTest.sample(file);
        detail.accept((ObjectNode) json.get("detail"));
        return json;
    }

    @Test
    void cutNeverSplitsASurrogatePair() {
        String text = "ab😀";
        assertEquals("ab", IssueText.cut(text, 3));
        assertEquals("ab\uD83D", IssueText.cut("ab\uD83D", 3), "a text that fits is returned untouched");
        assertEquals("", IssueText.cut("abc", 0));
    }

    @Test
    void anEntityRowIsListedWhenItFillsTheBodyBudgetExactly() {
        int room = IssueText.BODY_BUDGET - 1000;
        assertTrue(IssueText.rowFits(room - 40, 40));
        assertFalse(IssueText.rowFits(room - 39, 40));
    }

    @Test
    void longEntityNamesEndTheListBeforeTheBodyOutgrowsItsBudget() {
        ObjectNode json = (ObjectNode) HealthEventTest.sample("issue-open.json");
        ArrayNode entities = ((ObjectNode) json.get("detail")).putArray("affectedEntities");
        for (int i = 0; i < 900; i++) {
            entities.addObject().put("entityValue", String.format("%04d-", i) + "e".repeat(95));
        }
        IssueState state = IssueState.of(HealthEvent.parse(json));
        String body = IssueText.body(state, new EventKey(state.eventArn(), state.affectedAccount()));
        assertTrue(body.length() <= IssueText.BODY_BUDGET, "length " + body.length());
        assertTrue(body.contains("more entities are not listed here"), "the entity list ends with its own note");
        assertFalse(body.contains("to fit GitHub's limit"), "no last-resort cut of the whole body");
    }

    @Test
    void updatedDescriptionsInTwoLanguagesShareTheCommentsRoom() {
        ObjectNode json = (ObjectNode) HealthEventTest.sample("japanese-text.json");
        IssueState shown = IssueState.of(HealthEvent.parse(json));
        ObjectNode detail = (ObjectNode) json.get("detail");
        ((ObjectNode) detail.get("eventDescription").get(0)).put("latestDescription", "x".repeat(15_000));
        ((ObjectNode) detail.get("eventDescription").get(1)).put("latestDescription", "y".repeat(15_000));
        String comment = IssueText.comment(IssuePlan.decide(shown, HealthEvent.parse(json)), "<!-- m -->");
        assertEquals(2, comment.split("> \\*\\*Truncated:\\*\\* 5000 more characters", -1).length - 1, comment.substring(0, 500));
    }

    @Test
    void anIssueThatReplacesAVanishedOneSaysWhich() {
        IssueState state = IssueState.of(HealthEvent.parse(HealthEventTest.sample("issue-open.json"))).replacing(12);
        String body = IssueText.body(state, new EventKey(state.eventArn(), state.affectedAccount()));
        assertTrue(body.contains("> **This issue replaces #12**"), body);
    }
}
