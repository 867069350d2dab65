package siteops.purgestatus;

import siteops.common.BadInputException;

/**
 * The check cannot be done as asked: an unknown site or invalidation, a malformed event or registry entry. The
 * message names it; nothing has been published when this is thrown.
 */
public final class PurgeStatusException extends BadInputException {
    public PurgeStatusException(String message) {
        super(message);
    }
}
