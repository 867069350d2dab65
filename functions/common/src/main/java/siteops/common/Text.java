package siteops.common;

/** Text shortened for messages and outbound fields: never cut inside a surrogate pair. */
public final class Text {
    private static final String ELLIPSIS = "...";
    /** How much of a value a bad-input message quotes back. */
    public static final int QUOTED = 80;

    private Text() {}

    /** The value as quoted in a message: at most {@link #QUOTED} characters. */
    public static String abbreviate(String value) {
        return clip(value, QUOTED);
    }

    /** Cuts text to at most {@code max} characters (Unicode code points), ending in "..." when cut. */
    public static String clip(String value, int max) {
        if (value.codePointCount(0, value.length()) <= max) {
            return value;
        }
        return value.substring(0, value.offsetByCodePoints(0, max - ELLIPSIS.length())) + ELLIPSIS;
    }
}
