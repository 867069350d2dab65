package siteops.sites;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The "purge done" topic as the site Terraform sets it up, read with the project's HCL parser: slack-purge creates
 * siteops-<site>-chatbot and posts it to the channel, site-publishing writes the same ARN into the registry as
 * notificationTopicArn (PurgeStatusFunction may publish to siteops-*-chatbot only: PurgeCompletionTemplateTest).
 */
class PurgeNotificationTopicTest {
    static final String TOPIC_NAME = "siteops-${var.site}-chatbot";

    /** The only block of this type and name in the module, its attributes' expressions written out as tokens. */
    static HclParser.Block only(String module, String kind, String type, String name) {
        List<HclParser.Block> found = TerraformCheck.read(Repository.MODULES.resolve(module)).files().values().stream()
                .flatMap(file -> file.blocks(kind).stream())
                .filter(block -> block.labels().equals(List.of(type, name))).toList();
        assertEquals(1, found.size(), () -> kind + " " + type + "." + name + " in " + module);
        return found.getFirst();
    }

    static String written(HclParser.Block block, String attribute) {
        return block.attributes().get(attribute).expression().stream().map(HclParser.Token::text).collect(Collectors.joining());
    }

    @Test
    void slackPurgeCreatesTheTopicAndPostsItToTheChannel() {
        HclParser.Block topic = only("slack-purge", "resource", "aws_sns_topic", "chatbot");
        assertEquals(TOPIC_NAME, written(topic, "name"));
        String topics = written(only("slack-purge", "resource", "aws_chatbot_slack_channel_configuration", "purge"), "sns_topic_arns");
        assertTrue(topics.contains("aws_sns_topic.chatbot.arn"), topics);
    }

    @Test
    void theRegistryNamesTheSameTopicAsNotificationTopicArn() {
        String value = written(only("site-publishing", "resource", "aws_ssm_parameter", "registry"), "value");
        assertTrue(value.contains("notificationTopicArn="), value);
        String arn = value.substring(value.indexOf("notificationTopicArn="));
        assertTrue(arn.startsWith("notificationTopicArn=arn:${data.aws_partition.current.partition}:sns:${data.aws_region.current.region}:"
                + "${data.aws_caller_identity.current.account_id}:" + TOPIC_NAME), "the topic of the site's own Region and account: " + arn);
    }
}
