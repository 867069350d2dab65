package siteops.health.event;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import siteops.health.Messages;

/**
 * What one GitHub issue stands for: an event ARN as seen by one affected account (the same ARN reaches many
 * accounts). {@link #id()} is the DynamoDB key; {@link #marker()} is the hidden comment written into the issue body,
 * by which an issue created just before a crash is found again.
 */
public record EventKey(String eventArn, String affectedAccount) {
    public String id() {
        return eventArn + "|" + affectedAccount;
    }

    /** A short, stable digest of the key: safe inside an HTML comment whatever the ARN holds. */
    public String digest() {
        return sha256(id()).substring(0, 32);
    }

    public String marker() {
        return "<!-- siteops:aws-health key=" + digest() + " -->";
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(Messages.noSha256(), e);
        }
    }
}
