package siteops.maintenance.event;

import com.fasterxml.jackson.databind.JsonNode;
import siteops.common.JsonFields;
import siteops.common.Text;
import siteops.maintenance.MaintenanceEventException;

/**
 * What invoked the function: a Systems Manager maintenance window event, or the hourly schedule that looks for
 * backup windows that stopped running. Both arrive as EventBridge envelopes; {@link #parse} tells them apart.
 */
public sealed interface Incoming permits MaintenanceEvent, ScheduledCheck {
    String SSM_SOURCE = "aws.ssm";
    String SCHEDULE_SOURCE = "aws.events";
    String SCHEDULE_DETAIL_TYPE = "Scheduled Event";

    static Incoming parse(JsonNode event) {
        if (event == null || !event.isObject()) {
            throw new MaintenanceEventException("the event must be a JSON object (an EventBridge event from aws.ssm), got "
                    + JsonFields.kind(event));
        }
        String source = JsonFields.text(event, "source");
        String detailType = JsonFields.text(event, "detail-type");
        if (SCHEDULE_SOURCE.equals(source) && SCHEDULE_DETAIL_TYPE.equals(detailType)) {
            return ScheduledCheck.parse(event);
        }
        if (source == null) {
            throw new MaintenanceEventException("'source' is missing: this function takes EventBridge events from aws.ssm "
                    + "(maintenance windows) or its own schedule (aws.events, Scheduled Event)");
        }
        if (!SSM_SOURCE.equals(source)) {
            throw new MaintenanceEventException("'source' is '" + Text.abbreviate(source) + "', not aws.ssm: this function handles only "
                    + "Systems Manager maintenance window events and its own schedule; check the EventBridge rule's pattern");
        }
        return MaintenanceEvent.parse(event);
    }

}
