package siteops.maintenance.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Pattern;
import siteops.common.JsonFields;
import siteops.common.Regions;
import siteops.maintenance.MaintenanceEventException;
import siteops.maintenance.Messages;

/**
 * The hourly EventBridge schedule ({@code source: aws.events}, {@code detail-type: Scheduled Event}): look at
 * every backup window for a missing run. Account and Region come from the envelope, so the dedup keys match the
 * ones maintenance window events of the same account and Region use.
 */
public record ScheduledCheck(String account, String region) implements Incoming {
    private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");

    static ScheduledCheck parse(JsonNode event) {
        String account = JsonFields.text(event, "account");
        String region = JsonFields.text(event, "region");
        if (account == null || !ACCOUNT.matcher(account).matches()) {
            throw new MaintenanceEventException(Messages.scheduleAccountMalformed(account));
        }
        if (!Regions.isName(region)) {
            throw new MaintenanceEventException(Messages.scheduleRegionMalformed(region));
        }
        return new ScheduledCheck(account, region);
    }
}
