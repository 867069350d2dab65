package siteops.invoke;

/** What the tests check in the launcher's messages. */
final class Messages {
    private Messages() {}

    /** How often {@code part} occurs in {@code message} (a path printed twice is a defect). */
    static int count(String message, String part) {
        int count = 0;
        for (int at = message.indexOf(part); at >= 0; at = message.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }
}
