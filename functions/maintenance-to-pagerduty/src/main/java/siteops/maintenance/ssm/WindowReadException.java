package siteops.maintenance.ssm;

import siteops.maintenance.Messages;

/**
 * Systems Manager could not answer a call about one window: names the window, the operation and the error code,
 * never a payload.
 */
public final class WindowReadException extends RuntimeException {
    private final String windowId;
    private final String operation;
    private final String code;

    WindowReadException(String windowId, String operation, String code, Throwable cause) {
        super(Messages.windowUnreadable(operation, windowId, code), cause);
        this.windowId = windowId;
        this.operation = operation;
        this.code = code;
    }

    public String windowId() {
        return windowId;
    }

    public String operation() {
        return operation;
    }

    public String code() {
        return code;
    }
}
