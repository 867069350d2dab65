package siteops.purge;

import siteops.common.BadInputException;

/**
 * The purge cannot be done as asked: the message names the problem and what to do instead, in words an editor
 * reads in Slack. Nothing has been sent to CloudFront when this is thrown.
 */
public final class PurgeRequestException extends BadInputException {
    public PurgeRequestException(String message) {
        super(message);
    }
}
