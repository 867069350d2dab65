package siteops.maintenance.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import siteops.common.JsonFields;
import siteops.common.Regions;
import siteops.maintenance.MaintenanceEventException;
import siteops.maintenance.Messages;

/**
 * One Systems Manager maintenance window event (EventBridge {@code source: aws.ssm}), reduced to what the alert
 * needs. Keys in {@code detail} are kebab-case ({@code window-id}); ids are taken from {@code detail}, never from
 * {@code resources} (the published samples disagree between the two). Times are kept as sent.
 */
public record MaintenanceEvent(Kind kind, String eventId, String account, String region, String time,
                               String windowId, String windowExecutionId, String taskExecutionId,
                               String windowTargetId, String ownerInformation, String startTime, String endTime,
                               String status) implements Incoming {

    /** The maintenance window detail-types, with their exact strings. */
    public enum Kind {
        WINDOW_EXECUTION("Maintenance Window Execution State-change Notification"),
        TASK_EXECUTION("Maintenance Window Task Execution State-change Notification"),
        TARGET_INVOCATION("Maintenance Window Task Target Invocation State-change Notification"),
        WINDOW_STATE("Maintenance Window State-change Notification"),
        TARGET_REGISTRATION("Maintenance Window Target Registration Notification"),
        TASK_REGISTRATION("Maintenance Window Task Registration Notification");

        private final String detailType;

        Kind(String detailType) {
            this.detailType = detailType;
        }

        public String detailType() {
            return detailType;
        }

        /** Registration events say nothing about a run: nothing to do, but not an error. */
        public boolean isRegistration() {
            return this == TARGET_REGISTRATION || this == TASK_REGISTRATION;
        }

        static Kind of(String detailType) {
            for (Kind kind : values()) {
                if (kind.detailType.equals(detailType)) {
                    return kind;
                }
            }
            return null;
        }
    }

    private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");
    // Presence and a safe character set, not the exact mw-<17 hex> pattern: AWS's own samples use shorter ids.
    private static final Pattern WINDOW_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:/-]{1,256}");
    private static final int MAX_TEXT = 1024;

    static MaintenanceEvent parse(JsonNode event) {
        String detailType = JsonFields.text(event, "detail-type");
        if (detailType == null) {
            throw new MaintenanceEventException(Messages.detailTypeMissing(knownDetailTypes()));
        }
        Kind kind = Kind.of(detailType);
        if (kind == null) {
            throw new MaintenanceEventException(Messages.otherDetailType(detailType, knownDetailTypes()));
        }
        JsonNode detail = event.get("detail");
        if (detail == null || !detail.isObject()) {
            throw new MaintenanceEventException(Messages.detailMissing(detailType));
        }
        String account = required(event, "account", ACCOUNT, "the 12-digit account id");
        String region = required(event, "region", Regions.NAME, "a Region name such as ap-northeast-1");
        String windowId = text(detail, "window-id");
        if (windowId == null) {
            throw new MaintenanceEventException(Messages.windowIdMissing());
        }
        if (!WINDOW_ID.matcher(windowId).matches()) {
            throw new MaintenanceEventException(Messages.notAWindowId(windowId));
        }
        String status = text(detail, "status");
        if (status == null && !kind.isRegistration()) {
            throw new MaintenanceEventException(Messages.statusMissing(detailType));
        }
        return new MaintenanceEvent(kind, JsonFields.text(event, "id"), account, region, JsonFields.text(event, "time"), windowId,
                id(detail, "window-execution-id"), id(detail, "task-execution-id"), id(detail, "window-target-id"),
                bounded(text(detail, "owner-information")), bounded(text(detail, "start-time")), bounded(text(detail, "end-time")),
                status == null ? null : status.trim().toUpperCase(Locale.ROOT));
    }

    private static String required(JsonNode event, String field, Pattern pattern, String expected) {
        String value = JsonFields.text(event, field);
        if (value == null || !pattern.matcher(value).matches()) {
            throw new MaintenanceEventException(Messages.fieldMalformed(field, expected, value));
        }
        return value;
    }

    private static String text(JsonNode detail, String field) {
        return JsonFields.trimmed(JsonFields.text(detail, field));
    }

    private static String id(JsonNode detail, String field) {
        String value = text(detail, field);
        if (value != null && !ID.matcher(value).matches()) {
            throw new MaintenanceEventException(Messages.notAnId(field, value));
        }
        return value;
    }

    private static String bounded(String value) {
        return value == null ? null : value.substring(0, Math.min(value.length(), MAX_TEXT));
    }

    private static String knownDetailTypes() {
        return Arrays.stream(Kind.values()).map(k -> "'" + k.detailType + "'").collect(Collectors.joining(", "));
    }
}
