package siteops.maintenance.rules;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What PagerDuty was last told about one of a window's two sweep-kept alerts (its missing-run and its disabled
 * alert, one dedup_key each): resolved, or triggered for a reason. The reason matters for the missing-run alert,
 * whose trigger says either "missing" (critical) or "never ran" (warning).
 */
public enum AlertState {
    RESOLVED, MISSING, NEVER_RAN, DISABLED;

    /** The name stored in the table: lower case, words joined by "-". */
    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The stored name back; an unknown one (a newer version wrote it) reads as null: the state is then unknown. */
    public static AlertState fromWire(String wire) {
        for (AlertState state : values()) {
            if (state.wire().equals(wire)) {
                return state;
            }
        }
        return null;
    }
}
