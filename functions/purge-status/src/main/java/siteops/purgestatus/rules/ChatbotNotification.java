package siteops.purgestatus.rules;

import java.util.List;
import java.util.Map;

/**
 * An AWS Chatbot (Amazon Q Developer in chat applications) custom notification: the SNS message body Chatbot
 * renders in Slack. {@code version} must be "1.0" and {@code source} "custom"; {@code textType} "client-markdown"
 * renders title and description as Slack markdown.
 */
public record ChatbotNotification(String version, String source, String id, Content content, Metadata metadata) {
    public record Content(String textType, String title, String description, List<String> keywords) {}

    /** For custom-action buttons and filters: what happened and to which site and invalidation. */
    public record Metadata(String eventType, Map<String, String> additionalContext) {}

    static ChatbotNotification of(String id, String title, String description, String eventType, Map<String, String> context,
                                  List<String> keywords) {
        return new ChatbotNotification("1.0", "custom", id, new Content("client-markdown", title, description, keywords),
                new Metadata(eventType, context));
    }
}
