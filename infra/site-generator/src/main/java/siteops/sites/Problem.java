package siteops.sites;

/** One thing wrong with a site file, printed as {@code file:line: field: problem} like a compiler error. */
public record Problem(String file, int line, String field, String message) implements Comparable<Problem> {

    @Override
    public String toString() {
        return file + ":" + line + ": " + field + ": " + message;
    }

    @Override
    public int compareTo(Problem other) {
        int byFile = file.compareTo(other.file);
        return byFile != 0 ? byFile : Integer.compare(line, other.line);
    }
}
