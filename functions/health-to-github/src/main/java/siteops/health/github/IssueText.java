package siteops.health.github;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import siteops.common.Json;
import siteops.health.event.EventKey;
import siteops.health.event.HealthTime;
import siteops.health.rules.IssuePlan;
import siteops.health.rules.IssueState;

/**
 * The words on GitHub (pure): title, body, comments and labels of an event's issue, always within GitHub's limits
 * (title 256, body and comment 65,536, label 50 characters). Long text is cut at a clean point with a visible notice
 * that says where the full text is (the AWS Health console), so GitHub never rejects a post for its size.
 */
public final class IssueText {
    public static final int TITLE_LIMIT = 256;
    public static final int BODY_LIMIT = 65_536;
    public static final int LABEL_LIMIT = 50;
    /** Room left under the body limit for GitHub's own counting and the notices. */
    static final int BODY_BUDGET = 64_000;
    static final int DESCRIPTION_BUDGET = 40_000;
    static final int COMMENT_DESCRIPTION_BUDGET = 20_000;
    static final int ENTITY_ROWS = 1000;
    /** Entity status changes an update lists by name; the rest are counted. */
    static final int CHANGES_LISTED = 10;

    public static final String BASE_LABEL = "aws-health";

    /** A label and the colour it is created with (6 hex digits, no '#'). */
    public record Label(String name, String color, String description) {}

    private static final Pattern BACKTICKS = Pattern.compile("`{3,}");

    private IssueText() {}

    public static String title(IssueState state) {
        String head = "AWS Health: " + state.service() + " ";
        String tail = " in " + state.eventRegion() + " [" + state.status() + "] (" + state.affectedAccount() + ")";
        String code = state.eventTypeCode();
        int room = TITLE_LIMIT - head.length() - tail.length();
        if (room < 10) {
            return cut(head + code + tail, TITLE_LIMIT);
        }
        return head + (code.length() > room ? cut(code, room - 1) + "…" : code) + tail;
    }

    public static List<Label> labels(IssueState state) {
        return List.of(
                new Label(BASE_LABEL, "ff9900", "Opened by siteops from an AWS Health event"),
                new Label(cut("service:" + state.service(), LABEL_LIMIT), "1d76db", "AWS service named by AWS Health"),
                new Label(cut("category:" + state.category(), LABEL_LIMIT), "c5def5", "AWS Health event type category"));
    }

    public static String consoleLink(IssueState state) {
        return "https://health.aws.amazon.com/health/home#/account/event-log?eventID="
                + URLEncoder.encode(state.eventArn(), StandardCharsets.UTF_8) + "&eventTab=details";
    }

    public static String body(IssueState state, EventKey key) {
        StringBuilder out = new StringBuilder(8192);
        out.append(key.marker()).append('\n');
        if (state.replaces() != null) {
            out.append("> **This issue replaces #").append(state.replaces()).append("**, which is no longer in this repository "
                    + "(deleted, or transferred to another one). It shows the whole event as it is now; later updates arrive here.\n\n");
        }
        out.append("## ").append(escape(state.service())).append(' ').append(escape(state.category()))
                .append(" event in ").append(escape(state.eventRegion())).append("\n\n");
        out.append("| | |\n|---|---|\n");
        row(out, "Status", "**" + escape(state.status()) + "**");
        row(out, "Event type", "`" + state.eventTypeCode() + "`");
        row(out, "Event ARN", "`" + state.eventArn() + "`");
        row(out, "Account", state.affectedAccount());
        row(out, "Region", escape(state.eventRegion()));
        row(out, "Category", escape(state.category()));
        row(out, "Scope", state.scope() == null ? "not given" : escape(state.scope()));
        row(out, "Start", time(state.startTime()));
        row(out, "End", time(state.endTime()));
        row(out, "Last updated by AWS", time(state.lastUpdatedTime()));
        if (state.communication() != null) {
            row(out, "Communication", "`" + state.communication() + "`" + pages(state));
        }
        out.append("\n[Open this event in the AWS Health console](").append(consoleLink(state)).append(")\n");

        if (state.descriptions().isEmpty()) {
            out.append("\n### Description\n\nAWS sent no description.\n");
        }
        int perLanguage = DESCRIPTION_BUDGET / Math.max(1, state.descriptions().size());
        for (Map.Entry<String, String> description : state.descriptions().entrySet()) {
            out.append("\n### Description (").append(escape(description.getKey())).append(")\n\n");
            out.append(block(description.getValue(), perLanguage, state));
        }

        int total = state.entities().size() + state.entitiesOmitted();
        if (total > 0) {
            out.append("\n### Affected entities (").append(total).append(")\n\n| Entity | Status | Last updated |\n|---|---|---|\n");
            int shown = 0;
            for (Map.Entry<String, IssueState.EntityState> entity : state.entities().entrySet()) {
                String row = "| `" + entity.getKey().replace("`", "'").replace("|", "\\|") + "` | "
                        + escape(entity.getValue().status()) + " | "
                        + (entity.getValue().lastUpdatedTime() == null ? "" : time(entity.getValue().lastUpdatedTime())) + " |\n";
                if (shown >= ENTITY_ROWS || !rowFits(out.length(), row.length())) {
                    break;
                }
                out.append(row);
                shown++;
            }
            if (shown < total) {
                out.append("\n> **Truncated:** ").append(total - shown).append(" more entities are not listed here (GitHub limits an issue "
                        + "to 65,536 characters). See them all in the [AWS Health console](").append(consoleLink(state)).append(").\n");
            }
        }
        out.append("\n<sub>Kept up to date by siteops HealthToGitHubFunction: one issue per event and account; "
                + "updates arrive as comments.</sub>\n");
        return fit(out.toString(), BODY_LIMIT, consoleLink(state));
    }

    /** The changes of a plan as the comment lists them, and the result shows them. */
    public static List<String> changes(IssuePlan plan) {
        return plan.changes().stream().map(IssueText::change).toList();
    }

    private static String change(IssuePlan.Change change) {
        return switch (change) {
            case IssuePlan.Change.NewCommunication c -> "New communication from AWS: `" + c.communicationId() + "`";
            case IssuePlan.Change.StatusChanged c -> "Status: " + c.from() + " → " + c.to();
            case IssuePlan.Change.DescriptionChanged c -> c.added()
                    ? "Description added in " + c.language() : "Description updated (" + c.language() + ")";
            case IssuePlan.Change.StartTimeChanged c -> "Start time: " + shown(c.from()) + " → " + shown(c.to());
            case IssuePlan.Change.EndTimeChanged c -> "End time: " + shown(c.from()) + " → " + shown(c.to());
            case IssuePlan.Change.EntitiesAdded c -> c.count() + (c.count() == 1 ? " new affected entity" : " new affected entities");
            case IssuePlan.Change.EntityStatusesChanged c -> entityStatuses(c.changes());
        };
    }

    private static String entityStatuses(List<IssuePlan.Change.EntityStatus> changes) {
        String listed = String.join(", ", changes.subList(0, Math.min(CHANGES_LISTED, changes.size())).stream()
                .map(e -> "`" + e.entity() + "`: " + (e.from() == null ? "no status" : e.from()) + " → " + e.to()).toList());
        int more = changes.size() - CHANGES_LISTED;
        return changes.size() + (changes.size() == 1 ? " entity changed status: " : " entities changed status: ")
                + listed + (more > 0 ? " and " + more + " more" : "");
    }

    private static String shown(String raw) {
        HealthTime time = HealthTime.parse(raw);
        return time == null ? "not set" : time.display();
    }

    /** The comment for an update; the marker lets a retry see that it was already posted. */
    public static String comment(IssuePlan plan, String marker) {
        IssueState state = plan.next();
        StringBuilder out = new StringBuilder(4096);
        out.append(marker).append('\n');
        out.append("**AWS Health update** for `").append(state.eventTypeCode()).append("` (").append(state.affectedAccount())
                .append(", ").append(escape(state.eventRegion())).append(")\n\n");
        for (String change : changes(plan)) {
            out.append("- ").append(change).append('\n');
        }
        boolean descriptionChanged = plan.changes().stream().anyMatch(c -> c instanceof IssuePlan.Change.DescriptionChanged);
        if (descriptionChanged) {
            int perLanguage = COMMENT_DESCRIPTION_BUDGET / Math.max(1, state.descriptions().size());
            for (Map.Entry<String, String> description : state.descriptions().entrySet()) {
                out.append("\n<details><summary>Latest description (").append(escape(description.getKey()))
                        .append(")</summary>\n\n").append(block(description.getValue(), perLanguage, state)).append("\n</details>\n");
            }
        }
        switch (plan.transition()) {
            case CLOSE -> out.append("\nAWS closed this event").append(state.endTime() == null ? "" : " (end: " + time(state.endTime()) + ")")
                    .append("; closing the issue.\n");
            case REOPEN -> out.append("\nAWS reopened this event; reopening the issue.\n");
            case NONE -> { }
        }
        out.append("\nThe issue description shows the event as it is now. [AWS Health console](").append(consoleLink(state)).append(")\n");
        return fit(out.toString(), BODY_LIMIT, consoleLink(state));
    }

    /** The marker of the comment for one update: event key and a digest of the state the update leads to. */
    public static String commentMarker(EventKey key, IssueState next) {
        return "<!-- siteops:aws-health update=" + key.digest() + "/" + EventKey.sha256(Json.text(next)).substring(0, 16) + " -->";
    }

    /** Plain text from AWS in a fenced block: no Markdown, no @mentions or #references reach GitHub. */
    private static String block(String text, int budget, IssueState state) {
        String shown = text;
        String notice = "";
        if (text.length() > budget) {
            shown = cutAtLine(text, budget);
            notice = "\n> **Truncated:** " + (text.length() - shown.length()) + " more characters of this description are not "
                    + "shown (GitHub limits an issue to 65,536 characters). Read the full text in the [AWS Health console]("
                    + consoleLink(state) + ").\n";
        }
        String fence = "```";
        Matcher m = BACKTICKS.matcher(shown);
        while (m.find()) {
            if (m.group().length() >= fence.length()) {
                fence = "`".repeat(m.group().length() + 1);
            }
        }
        return fence + "text\n" + shown.strip() + "\n" + fence + "\n" + notice;
    }

    /** Last resort: whatever was assembled, never more than the limit. */
    static String fit(String text, int limit, String link) {
        if (text.length() <= limit) {
            return text;
        }
        String notice = "\n\n> **Truncated** to fit GitHub's limit of " + limit + " characters. Full text: " + link + "\n";
        return cutAtLine(text, limit - notice.length() - 16) + notice;
    }

    /** Whether one more entity row keeps the body 1,000 characters under its budget (room for the notes after it). */
    static boolean rowFits(int bodyLength, int rowLength) {
        return bodyLength + rowLength <= BODY_BUDGET - 1000;
    }

    /** Cuts at a line break if one is near, never inside a surrogate pair. */
    static String cutAtLine(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max;
        int newline = text.lastIndexOf('\n', end);
        if (newline > max * 3 / 4) {
            end = newline;
        }
        return cut(text, end);
    }

    static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max;
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }

    private static void row(StringBuilder out, String name, String value) {
        out.append("| ").append(name).append(" | ").append(value).append(" |\n");
    }

    private static String time(String raw) {
        HealthTime time = HealthTime.parse(raw);
        return time == null ? "not given" : escape(time.display());
    }

    private static String pages(IssueState state) {
        if (state.totalPages() <= 1) {
            return "";
        }
        List<String> seen = new ArrayList<>();
        state.pages().forEach(p -> seen.add(String.valueOf(p)));
        return " (pages " + String.join(", ", seen) + " of " + state.totalPages() + " received)";
    }

    /** Table cells and headings: no Markdown or HTML from AWS's values. */
    private static String escape(String value) {
        return value == null ? "" : value.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;").replace("@", "@\u200b");
    }
}
