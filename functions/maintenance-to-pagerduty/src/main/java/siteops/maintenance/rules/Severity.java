package siteops.maintenance.rules;

import java.util.Locale;

/** PagerDuty's four severities; anything else is refused with a 400. */
public enum Severity {
    CRITICAL, ERROR, WARNING, INFO;

    /** The value PagerDuty expects: lower case. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
