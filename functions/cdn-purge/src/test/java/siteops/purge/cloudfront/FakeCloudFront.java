package siteops.purge.cloudfront;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import siteops.standins.FakeHttpServer;

/**
 * CloudFront's CreateInvalidation as the SDK sees it over HTTP (REST-XML), with the rules moto does not model:
 * CallerReference idempotency, 3,000 paths / 15 wildcards in progress per distribution, path validity, and
 * injected TooManyInvalidationsInProgress / Throttling / AccessDenied answers.
 */
final class FakeCloudFront extends FakeHttpServer {
    private static final Pattern INVALIDATION_POST = Pattern.compile("/2020-05-31/distribution/([A-Z0-9]+)/invalidation");
    private static final Pattern PATH = Pattern.compile("<Path>(.*?)</Path>", Pattern.DOTALL);

    record Invalidation(String id, String distributionId, String callerReference, List<String> paths) {}

    private final List<String> distributions = new ArrayList<>();
    private final Map<String, Invalidation> byCallerReference = new LinkedHashMap<>();
    private final List<Invalidation> inProgress = new ArrayList<>();
    private final List<String> injectedErrors = new ArrayList<>();
    private int created;

    synchronized FakeCloudFront withDistribution(String id) {
        distributions.add(id);
        return this;
    }

    /** The next requests answer with these error codes, one each, before normal service resumes. */
    synchronized void failNext(String... codes) {
        injectedErrors.addAll(List.of(codes));
    }

    synchronized List<Invalidation> invalidations() {
        return List.copyOf(byCallerReference.values());
    }

    synchronized void completeAll() {
        inProgress.clear();
    }

    @Override
    protected Response answer(Request request) {
        Matcher target = INVALIDATION_POST.matcher(request.path());
        if (!request.method().equals("POST") || !target.matches()) {
            return error(404, "NotFound", "the fake serves CreateInvalidation only");
        }
        if (!request.headers().getOrDefault("authorization", "").startsWith("AWS4-HMAC-SHA256")) {
            return error(403, "MissingAuthenticationToken", "request is not signed");
        }
        if (!injectedErrors.isEmpty()) {
            String code = injectedErrors.remove(0);
            int status = switch (code) {
                case "AccessDenied" -> 403;
                case "ServiceUnavailable" -> 503;
                default -> 400;
            };
            return error(status, code, code.equals("Throttling") ? "Rate exceeded" : "injected " + code);
        }
        String distributionId = target.group(1);
        if (!distributions.contains(distributionId)) {
            return error(404, "NoSuchDistribution", "The specified distribution does not exist.");
        }
        List<String> paths = new ArrayList<>();
        Matcher path = PATH.matcher(request.body());
        while (path.find()) {
            paths.add(unescape(path.group(1)));
        }
        String callerReference = unescape(between(request.body(), "<CallerReference>", "</CallerReference>"));
        int quantity = Integer.parseInt(between(request.body(), "<Quantity>", "</Quantity>").trim());
        if (quantity != paths.size()) {
            return error(400, "InconsistentQuantities", "Quantity does not match the number of paths");
        }
        for (String p : paths) {
            if (!p.startsWith("/") || p.chars().anyMatch(c -> c > 0x7E || c <= 0x20) || p.length() > 4000
                    || p.indexOf('*') >= 0 && p.indexOf('*') != p.length() - 1) {
                return error(400, "InvalidArgument", "Your request contains one or more invalid invalidation paths.");
            }
        }
        Invalidation earlier = byCallerReference.get(callerReference);
        if (earlier != null) {
            if (!earlier.paths().equals(paths) || !earlier.distributionId().equals(distributionId)) {
                return error(400, "InvalidationBatchAlreadyExists", "CallerReference reused with a different batch");
            }
            return ok(earlier);
        }
        long wildcards = count(distributionId, true) + paths.stream().filter(p -> p.endsWith("*")).count();
        long singles = count(distributionId, false) + paths.stream().filter(p -> !p.endsWith("*")).count();
        if (wildcards > 15 || singles > 3000) {
            return error(400, "TooManyInvalidationsInProgress", "Processing your request will cause you to exceed the maximum number of in-progress invalidations.");
        }
        Invalidation created = new Invalidation("I" + String.format("%013d", ++this.created), distributionId, callerReference, List.copyOf(paths));
        byCallerReference.put(callerReference, created);
        inProgress.add(created);
        return ok(created);
    }

    private long count(String distributionId, boolean wildcards) {
        return inProgress.stream().filter(i -> i.distributionId().equals(distributionId))
                .flatMap(i -> i.paths().stream()).filter(p -> p.endsWith("*") == wildcards).count();
    }

    private static Response ok(Invalidation invalidation) {
        StringBuilder items = new StringBuilder();
        invalidation.paths().forEach(p -> items.append("<Path>").append(p.replace("&", "&amp;")).append("</Path>"));
        String body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Invalidation xmlns=\"http://cloudfront.amazonaws.com/doc/2020-05-31/\">"
                + "<Id>" + invalidation.id() + "</Id><Status>InProgress</Status><CreateTime>" + Instant.now() + "</CreateTime>"
                + "<InvalidationBatch><Paths><Quantity>" + invalidation.paths().size() + "</Quantity><Items>" + items + "</Items></Paths>"
                + "<CallerReference>" + invalidation.callerReference() + "</CallerReference></InvalidationBatch></Invalidation>";
        return new Response(201, Map.of("Content-Type", "text/xml", "Location",
                "https://cloudfront.amazonaws.com/2020-05-31/distribution/" + invalidation.distributionId() + "/invalidation/" + invalidation.id()), body);
    }

    private static Response error(int status, String code, String message) {
        String body = "<?xml version=\"1.0\"?><ErrorResponse xmlns=\"http://cloudfront.amazonaws.com/doc/2020-05-31/\"><Error><Type>Sender</Type>"
                + "<Code>" + code + "</Code><Message>" + message + "</Message></Error><RequestId>fake-request</RequestId></ErrorResponse>";
        return new Response(status, Map.of("Content-Type", "text/xml"), body);
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start);
        int to = text.indexOf(end, from);
        return from < 0 || to < 0 ? "" : text.substring(from + start.length(), to);
    }

    private static String unescape(String xml) {
        return xml.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&");
    }
}
