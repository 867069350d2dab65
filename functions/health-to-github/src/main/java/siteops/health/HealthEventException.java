package siteops.health;

import siteops.common.BadInputException;

/**
 * The input is not an AWS Health event this function can handle: the message names the field and the fix.
 * Nothing has been written to DynamoDB or GitHub when this is thrown.
 */
public final class HealthEventException extends BadInputException {
    public HealthEventException(String message) {
        super(message);
    }
}
