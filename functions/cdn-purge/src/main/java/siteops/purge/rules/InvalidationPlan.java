package siteops.purge.rules;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import siteops.common.registry.SiteRegistration;
import siteops.purge.Messages;
import siteops.purge.PurgeRequestException;
import siteops.purge.request.PurgeRequest;

/**
 * What will be sent to CloudFront for one purge request: the entries turned into CloudFront invalidation paths
 * (relative to the site, percent-encoded exactly once, wildcard only at the end, duplicates and paths covered
 * by a wildcard removed, sorted), checked against CloudFront's limits, and a caller reference that makes a
 * repeated request within the same time window the same invalidation. Sorting makes the batch identical however
 * the editor ordered the paths: CloudFront only returns the earlier invalidation for an identical batch.
 */
public record InvalidationPlan(List<String> paths, int wildcards, List<Note> notes, String callerReference) {
    /** What the editor should know about a path that was sent other than as typed; {@code Messages#note} words it. */
    public sealed interface Note {
        /** The query string of {@code entry} was dropped: CloudFront purges {@code path} for every query string. */
        record QueryDropped(String entry, String path) implements Note {}

        /** A '~' in {@code entry} was sent as %7E; if that does not match, {@code wildcardAbove} will. */
        record TildeEncoded(String entry, String wildcardAbove) implements Note {}

        /** {@code count} paths were left out because a wildcard of the same request covers them. */
        record CoveredPathsLeftOut(int count) implements Note {}
    }

    /** CloudFront accepts at most this many paths in progress per distribution. */
    static final int MAX_PATHS = 3000;
    /** ... and at most this many wildcard paths in progress. */
    static final int MAX_WILDCARDS = 15;
    static final int MAX_PATH_LENGTH = 4000;
    /** Bounds the work on absurd input before any limit is checked. */
    static final int MAX_ENTRIES = 10_000;

    private static final Pattern URL = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://.*", Pattern.DOTALL);
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    public static InvalidationPlan of(PurgeRequest request, SiteRegistration site, Instant now, Duration sameRequestWindow) {
        if (request.entries().size() > MAX_ENTRIES) {
            throw new PurgeRequestException(Messages.tooManyEntries(request.entries().size(), MAX_PATHS));
        }
        List<Note> notes = new ArrayList<>();
        Set<String> unique = new LinkedHashSet<>();
        for (String entry : request.entries()) {
            unique.add(toPath(entry, site, notes));
        }
        List<String> paths = withoutCoveredPaths(unique, notes).stream().sorted().toList();
        int wildcards = (int) paths.stream().filter(p -> p.endsWith("*")).count();
        if (paths.size() > MAX_PATHS) {
            throw new PurgeRequestException(Messages.tooManyPaths(paths.size(), MAX_PATHS));
        }
        if (wildcards > MAX_WILDCARDS) {
            throw new PurgeRequestException(Messages.tooManyWildcards(wildcards, MAX_WILDCARDS));
        }
        return new InvalidationPlan(List.copyOf(paths), wildcards, List.copyOf(notes),
                callerReference(site.distributionId(), paths, now, sameRequestWindow));
    }

    /** One entry (a path or a URL of the site) as a CloudFront invalidation path. */
    static String toPath(String entry, SiteRegistration site, List<Note> notes) {
        String path;
        boolean url = URL.matcher(entry).matches();
        if (url) {
            path = pathOfUrl(entry, site);
        } else if (entry.startsWith("/")) {
            path = entry;
        } else {
            String[] hostAndPath = entry.split("/", 2);
            if (site.servesHost(hostAndPath[0])) {
                path = "/" + (hostAndPath.length > 1 ? hostAndPath[1] : "");
            } else {
                throw new PurgeRequestException(Messages.notFromRoot(entry));
            }
        }
        // In a URL '#' starts the fragment, which browsers never send; in a typed path it is a character
        // (/c#-guide.html) and gets encoded. Every path here starts with '/', so none becomes empty.
        if (url && path.contains("#")) {
            path = path.substring(0, path.indexOf('#'));
        }
        if (path.contains("?")) {
            String withoutQuery = path.substring(0, path.indexOf('?'));
            notes.add(new Note.QueryDropped(entry, withoutQuery));
            path = withoutQuery;
        }
        if (path.substring(0, path.length() - 1).contains("*")) {
            throw new PurgeRequestException(Messages.wildcardInTheMiddle(entry));
        }
        String encoded = encode(path);
        if (path.contains("~")) {
            notes.add(new Note.TildeEncoded(entry, wildcardAbove(encoded)));
        }
        if (encoded.length() > MAX_PATH_LENGTH) {
            throw new PurgeRequestException(Messages.pathTooLong(entry, MAX_PATH_LENGTH));
        }
        return encoded;
    }

    private static String wildcardAbove(String encodedPath) {
        int slash = encodedPath.lastIndexOf('/', encodedPath.indexOf("%7E"));
        return encodedPath.substring(0, slash + 1) + "*";
    }

    private static String pathOfUrl(String url, SiteRegistration site) {
        int schemeEnd = url.indexOf("://");
        String scheme = url.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new PurgeRequestException(Messages.notAWebAddress(url));
        }
        String rest = url.substring(schemeEnd + 3);
        int authorityEnd = indexOfAny(rest, "/?#");
        String authority = rest.substring(0, authorityEnd);
        String host = authority.substring(authority.lastIndexOf('@') + 1);
        if (host.startsWith("[")) {
            host = host.substring(0, host.indexOf(']') + 1);
        } else if (host.contains(":")) {
            host = host.substring(0, host.indexOf(':'));
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (!site.servesHost(host)) {
            throw new PurgeRequestException(Messages.otherSite(url, site, host));
        }
        String path = rest.substring(authorityEnd);
        return path.startsWith("/") ? path : "/" + path;
    }

    /**
     * Percent-encodes what CloudFront requires (non-ASCII as UTF-8, RFC 1738's unsafe characters, controls) and
     * nothing else. An existing valid %XX escape is kept (upper-cased), so encoded input is not encoded twice; a
     * '%' that starts no escape becomes %25. '/' and the trailing '*' stay as they are.
     */
    static String encode(String path) {
        StringBuilder out = new StringBuilder(path.length() + 16);
        byte[] bytes = path.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xFF;
            if (b == '%' && i + 2 < bytes.length && isHex(bytes[i + 1]) && isHex(bytes[i + 2])) {
                out.append('%').append(Character.toUpperCase((char) bytes[i + 1])).append(Character.toUpperCase((char) bytes[i + 2]));
                i += 2;
            } else if (b >= 0x80 || b <= 0x20 || b == 0x7F || "%\"<>#{}|\\^~[]`".indexOf(b) >= 0) {
                out.append('%').append(HEX.toHexDigits((byte) b));
            } else {
                out.append((char) b);
            }
        }
        return out.toString();
    }

    /** Drops paths that a wildcard in the same request already covers (they would only cost money). */
    private static List<String> withoutCoveredPaths(Set<String> paths, List<Note> notes) {
        List<String> prefixes = paths.stream().filter(p -> p.endsWith("*")).map(p -> p.substring(0, p.length() - 1)).toList();
        List<String> kept = new ArrayList<>();
        int dropped = 0;
        for (String path : paths) {
            boolean covered = prefixes.stream().anyMatch(prefix -> path.startsWith(prefix) && !path.equals(prefix + "*"));
            if (covered) {
                dropped++;
            } else {
                kept.add(path);
            }
        }
        if (dropped > 0) {
            notes.add(new Note.CoveredPathsLeftOut(dropped));
        }
        return kept;
    }

    /**
     * Same distribution, same paths, same time window → same reference, so CloudFront returns the earlier
     * invalidation instead of creating another (a double click in Slack, a Chatbot retry).
     */
    static String callerReference(String distributionId, List<String> sortedPaths, Instant now, Duration window) {
        long bucket = now.getEpochSecond() / Math.max(1, window.getSeconds());
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(distributionId.getBytes(StandardCharsets.UTF_8));
            for (String path : sortedPaths) {
                sha.update((byte) '\n');
                sha.update(path.getBytes(StandardCharsets.UTF_8));
            }
            return "siteops-" + HexFormat.of().formatHex(sha.digest(), 0, 16) + "-" + bucket;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(Messages.noSha256(), e);
        }
    }

    private static boolean isHex(byte b) {
        return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
    }

    /** Where the first of the chars is in the text, or the text's length when there is none. */
    private static int indexOfAny(String text, String chars) {
        for (int i = 0; i < text.length(); i++) {
            if (chars.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return text.length();
    }
}
