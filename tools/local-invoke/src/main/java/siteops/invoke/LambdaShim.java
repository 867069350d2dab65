package siteops.invoke;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs inside the function's own JVM, on the deployed artifact's class path, and plays the Lambda Java
 * runtime for one invocation: loads the handler class (its init runs here, like a cold start), passes the
 * event from stdin, writes a status line ("0" or "1") and then exactly the handler's output, or Lambda's error
 * object ({"errorType", "errorMessage"}), to the result file. The JVM's own stdout carries only logs (what the
 * handler prints), like a function's log stream; closing it tells bin/invoke the result is complete, so
 * bin/invoke need not wait for the JVM to finish exiting (which takes 300 ms when a thread sits in native
 * I/O, such as the JDK HttpClient's selector).
 *
 * <p>Arguments: handler, request id, function name, memory MB, timeout seconds, function version, result file.
 */
public final class LambdaShim {
    private LambdaShim() {}

    public static void main(String[] args) throws Exception {
        // Function output to System.out is a log line on Lambda, never part of the response.
        System.setOut(System.err);
        String handler = args[0];
        String requestId = args[1];
        String functionName = args[2];
        int memoryMb = Integer.parseInt(args[3]);
        int timeoutSeconds = Integer.parseInt(args[4]);
        String version = args[5];
        PrintStream result = new PrintStream(new FileOutputStream(args[6]), true, StandardCharsets.UTF_8);
        byte[] event = System.in.readAllBytes();
        long deadline = System.currentTimeMillis() + timeoutSeconds * 1000L;

        FutureTask<byte[]> invocation = new FutureTask<>(() -> {
            RequestStreamHandler target = load(handler);
            var output = new ByteArrayOutputStream();
            target.handleRequest(new ByteArrayInputStream(event), output,
                    new LocalContext(requestId, functionName, version, memoryMb, deadline));
            return output.toByteArray();
        });
        Thread worker = new Thread(invocation, "main-invocation");
        worker.setDaemon(true);
        worker.start();
        try {
            byte[] output = invocation.get(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
            result.print("0\n");
            result.write(output);
            finish(result, 0);
        } catch (TimeoutException e) {
            fail(result, "Sandbox.Timedout", "RequestId: " + requestId + " Error: Task timed out after "
                    + timeoutSeconds + ".00 seconds", null);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof InvocationTargetException ite ? ite.getCause() : e.getCause();
            fail(result, cause.getClass().getName(), String.valueOf(cause.getMessage()), cause);
        }
    }

    private static RequestStreamHandler load(String handler) throws ReflectiveOperationException {
        String className = handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler;
        Class<?> type = Class.forName(className, true, LambdaShim.class.getClassLoader());
        if (!RequestStreamHandler.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException(className + " does not implement RequestStreamHandler; bin/invoke runs stream handlers only");
        }
        return (RequestStreamHandler) type.getDeclaredConstructor().newInstance();
    }

    private static void fail(PrintStream result, String type, String message, Throwable error) {
        if (error != null) {
            error.printStackTrace(System.err);
        }
        result.print("1\n{\"errorType\":" + quote(type) + ",\"errorMessage\":" + quote(message) + "}");
        finish(result, 1);
    }

    private static void finish(PrintStream result, int status) {
        result.close();
        System.err.flush();
        try {
            new FileOutputStream(FileDescriptor.out).close();
        } catch (java.io.IOException e) {
            // bin/invoke then learns of the end when the JVM exits
        }
        System.exit(status);
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** The Lambda context as the real runtime fills it for a function invoked without a client context. */
    private record LocalContext(String requestId, String functionName, String version, int memoryMb, long deadline)
            implements Context {
        @Override public String getAwsRequestId() { return requestId; }
        @Override public String getLogGroupName() { return "/aws/lambda/" + functionName; }
        @Override public String getLogStreamName() { return "local/" + requestId; }
        @Override public String getFunctionName() { return functionName; }
        @Override public String getFunctionVersion() { return version; }
        @Override public String getInvokedFunctionArn() {
            String region = System.getenv().getOrDefault("AWS_REGION", "us-east-1");
            return "arn:aws:lambda:" + region + ":123456789012:function:" + functionName;
        }
        @Override public CognitoIdentity getIdentity() { return null; }
        @Override public ClientContext getClientContext() { return null; }
        @Override public int getRemainingTimeInMillis() { return (int) Math.max(0, deadline - System.currentTimeMillis()); }
        @Override public int getMemoryLimitInMB() { return memoryMb; }
        @Override public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override public void log(String message) { System.err.print(message); }
                @Override public void log(byte[] message) { System.err.write(message, 0, message.length); }
            };
        }
    }
}
