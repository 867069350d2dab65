package siteops.standins;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import siteops.standins.FakeHttpServer.Request;
import siteops.standins.FakeHttpServer.Response;

/**
 * The half of a fake AWS JSON-protocol service (SSM, ...) that passes what the fake does not serve on to moto_server,
 * with the signing headers, and answers errors in the protocol's shape.
 */
public final class AwsJsonForwarder {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final List<String> FORWARDED_HEADERS =
            List.of("x-amz-target", "content-type", "authorization", "x-amz-date", "x-amz-content-sha256");

    private final URI moto;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    public AwsJsonForwarder(URI moto) {
        this.moto = moto;
    }

    public Response forward(Request request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(moto.resolve("/")).POST(HttpRequest.BodyPublishers.ofString(request.body()));
        for (String header : FORWARDED_HEADERS) {
            String value = request.headers().get(header);
            if (value != null) {
                builder.header(header, value);
            }
        }
        try {
            HttpResponse<String> answer = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(answer.statusCode(), Map.of("Content-Type", CONTENT_TYPE), answer.body());
        } catch (IOException e) {
            return error(500, "InternalServerError", "moto unreachable: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return error(500, "InternalServerError", "interrupted");
        }
    }

    /** An error as the AWS JSON protocol sends it: the code in {@code __type} and in the x-amzn-ErrorType header. */
    public static Response error(int status, String code, String message) {
        return new Response(status, Map.of("Content-Type", CONTENT_TYPE, "x-amzn-ErrorType", code),
                MAPPER.createObjectNode().put("__type", code).put("message", message).toString());
    }
}
