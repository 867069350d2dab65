package siteops.maintenance.event;

import com.fasterxml.jackson.databind.JsonNode;
import siteops.common.JsonFields;
import siteops.maintenance.MaintenanceEventException;
import siteops.maintenance.Messages;

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
            throw new MaintenanceEventException(Messages.notAnObject(JsonFields.kind(event)));
        }
        String source = JsonFields.text(event, "source");
        String detailType = JsonFields.text(event, "detail-type");
        if (SCHEDULE_SOURCE.equals(source) && SCHEDULE_DETAIL_TYPE.equals(detailType)) {
            return ScheduledCheck.parse(event);
        }
        if (source == null) {
            throw new MaintenanceEventException(Messages.sourceMissing());
        }
        if (!SSM_SOURCE.equals(source)) {
            throw new MaintenanceEventException(Messages.otherSource(source));
        }
        return MaintenanceEvent.parse(event);
    }

}
