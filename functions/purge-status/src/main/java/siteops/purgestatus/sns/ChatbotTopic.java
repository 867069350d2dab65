package siteops.purgestatus.sns;

import siteops.common.Json;
import siteops.purgestatus.rules.ChatbotNotification;
import software.amazon.awssdk.services.sns.SnsClient;

/** Publishes a custom notification to a site's Chatbot topic; Chatbot posts it in the channels subscribed to it. */
public final class ChatbotTopic {
    private final SnsClient sns;

    public ChatbotTopic(SnsClient sns) {
        this.sns = sns;
    }

    /** @return the SNS message id */
    public String publish(String topicArn, ChatbotNotification notification) {
        return sns.publish(r -> r.topicArn(topicArn).message(Json.text(notification))).messageId();
    }
}
