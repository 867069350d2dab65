package siteops.maintenance;

import siteops.common.BadInputException;

/**
 * The event is not one this function can act on (not from Systems Manager, an unknown detail-type, no window
 * id): the message names the field and what was expected. Nothing has been sent to PagerDuty when this is thrown.
 */
public final class MaintenanceEventException extends BadInputException {
    public MaintenanceEventException(String message) {
        super(message);
    }
}
