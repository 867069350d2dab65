package siteops.maintenance;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What the missing-run sweep found for one backup window; the result shows the wire name. */
public enum WindowState {
    /** A run succeeded since the last due one. */
    FRESH,
    /** No successful run since the last due one: the missing-run alert is triggered. */
    MISSING,
    /** No run at all in its history, and one was due since it was created. */
    NEVER_RAN,
    DISABLED,
    NOT_DUE,
    /** Could not be checked (schedule, history, time budget): a problem of the sweep. */
    UNCHECKED;

    /** The name in the result: lower case, words joined by "-". */
    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
