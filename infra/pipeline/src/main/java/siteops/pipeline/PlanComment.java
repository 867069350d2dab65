package siteops.pipeline;

/**
 * The markdown of a plan on GitHub (a pull request comment, a drift issue): a hidden marker (so the next run edits
 * the same comment or issue), a heading with the summary, and the plan in a collapsed block, cut so the whole body
 * stays within GitHub's 65,536 characters.
 */
public final class PlanComment {

    /** GitHub's limit on a comment body, in characters. */
    public static final int LIMIT = 65_536;

    private PlanComment() {}

    /** The hidden marker that identifies the plan comment of {@code site}. */
    public static String marker(String site) {
        return "<!-- siteops-plan: " + site + " -->";
    }

    /** The pull request comment of one site's plan. */
    public static String body(String site, PlanSummary summary, String planText, String artifactUrl, String runUrl) {
        return body(marker(site), "Plan for `" + site + "`", summary, planText, artifactUrl, runUrl);
    }

    /**
     * The comment body. {@code planText} is the plain-text plan; when it does not fit, it is cut at a line break and
     * the body says so and links to {@code artifactUrl}, where the whole plan is.
     */
    static String body(String marker, String heading, PlanSummary summary, String planText, String artifactUrl, String runUrl) {
        String head = marker + "\n### " + heading + ": " + summary.markdown() + "\n"
                + (runUrl.isEmpty() ? "" : "[Workflow run](" + runUrl + ")") + "\n\n";
        String open = "<details><summary>terraform plan</summary>\n\n```\n";
        String close = "\n```\n</details>\n";
        String plan = planText.replace("```", "` ` `").strip();
        String whole = head + open + plan + close;
        if (whole.length() <= LIMIT) {
            return whole;
        }
        String notice = "\n**The plan is cut here** (" + plan.length() + " characters, more than a comment holds): "
                + "read all of it in the [plan artifact](" + artifactUrl + ").\n";
        int room = LIMIT - head.length() - open.length() - close.length() - notice.length();
        String cut = plan.substring(0, Math.max(0, room));
        int lastLine = cut.lastIndexOf('\n');
        if (lastLine > 0) {
            cut = cut.substring(0, lastLine);
        }
        return head + open + cut + close + notice;
    }
}
