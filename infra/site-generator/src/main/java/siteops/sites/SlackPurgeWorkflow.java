package siteops.sites;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an editor uses to purge the site's CDN cache from its Slack channel. A channel command alias
 * {@code purge} (created once with the {@code setup} command) maps {@code @aws run purge <paths>} to an
 * invocation of the purge function with the payload {@code {"site": ..., "paths": "<paths>"}}; a second alias
 * {@code purge-check} (its own {@code setup_check} command) sends the same payload with {@code "dryRun": true},
 * so an editor sees the exact paths a purge would send, and nothing is purged. The Workflow
 * Builder form only posts that command for the editor to send, because commands posted by a workflow's bot
 * are not known to be executed (shared/reference/chatbot-lambda-invoke.md, section 3).
 */
final class SlackPurgeWorkflow {

    static final String FUNCTION = "siteops-cdn-purge";
    static final String ALIAS = "live";

    // Keys sorted: Map.of iterates in a different order on every JVM start, and the output must not change.
    static final ObjectWriter JSON = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).writer(
            new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n")));

    private SlackPurgeWorkflow() {}

    static String render(Site site) {
        String payload = "{\"site\": \"" + site.name() + "\", \"paths\": \"$paths\"}";
        String checkPayload = "{\"site\": \"" + site.name() + "\", \"paths\": \"$paths\", \"dryRun\": true}";

        Map<String, Object> definition = new LinkedHashMap<>();
        definition.put("site", site.name());
        definition.put("slack_team_id", site.get(SiteSettings.SLACK_TEAM_ID));
        definition.put("slack_channel_id", site.get(SiteSettings.SLACK_CHANNEL_ID));
        definition.put("function", FUNCTION + ":" + ALIAS);
        definition.put("payload", Map.of("site", site.name(), "paths", "$paths"));
        definition.put("setup", "@aws alias create purge " + invoke(site, payload));
        definition.put("setup_check", "@aws alias create purge-check " + invoke(site, checkPayload));
        definition.put("usage", List.of(
                "@aws run purge /index.html",
                "@aws run purge /news/*,/index.html",
                "@aws run purge https://" + site.domain() + "/news/",
                "@aws run purge-check /news/*"));
        definition.put("check_help", "purge-check takes the same paths as purge and answers with exactly what purge would send "
                + "(encoded paths, notes); nothing is purged.");
        definition.put("paths_help", "Paths or full URLs of " + site.domain()
                + ", separated by commas (spaces and new lines also work); a trailing * purges everything below.");
        definition.put("workflow_builder", workflowBuilder(site));
        try {
            return JSON.writeValueAsString(definition) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String invoke(Site site, String payload) {
        return "lambda invoke --function-name " + FUNCTION + ":" + ALIAS + " --region " + site.region() + " --payload " + payload;
    }

    private static Map<String, Object> workflowBuilder(Site site) {
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("type", "form");
        form.put("title", "Purge " + site.domain());
        form.put("fields", List.of(Map.of(
                "name", "paths",
                "label", "Paths or URLs to purge (comma separated)",
                "type", "text",
                "required", true)));
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "send_message");
        message.put("channel_id", site.get(SiteSettings.SLACK_CHANNEL_ID));
        message.put("text", "Send this to purge: `@aws run purge {{paths}}`");

        Map<String, Object> workflow = new LinkedHashMap<>();
        workflow.put("name", "Purge " + site.domain());
        workflow.put("trigger", "shortcut");
        workflow.put("steps", List.of(form, message));
        return workflow;
    }
}
