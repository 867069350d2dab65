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
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs inside the function's own JVM, on the deployed artifact's class path, and plays the Lambda Java
 * runtime for one invocation: loads the handler class (its init runs here, like a cold start), passes the
 * event from stdin (none: {}), and writes exactly the handler's output to stdout, or Lambda's error object
 * ({"errorMessage", "errorType", "stackTrace"}, as the runtime interface client reports it) with exit code 1.
 * What the function prints goes to stderr (or the log file), like a function's log stream.
 *
 * <p>Arguments: handler, function name, memory MB, timeout seconds, function version[, log file].
 */
public final class LambdaShim {
    private LambdaShim() {}

    public static void main(String[] args) throws Exception {
        long mainStart = System.nanoTime();
        PrintStream result = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        if (args.length > 5) {
            System.setErr(new PrintStream(new FileOutputStream(args[5], true), true, StandardCharsets.UTF_8));
        }
        // Function output to System.out is a log line on Lambda, never part of the response.
        System.setOut(System.err);
        String handler = args[0];
        String functionName = args[1];
        int memoryMb = Integer.parseInt(args[2]);
        int timeoutSeconds = Integer.parseInt(args[3]);
        String version = args[4];
        String requestId = UUID.randomUUID().toString();
        byte[] event = System.in.readAllBytes();
        byte[] payload = event.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : event;
        long deadline = System.currentTimeMillis() + timeoutSeconds * 1000L;

        long[] phases = new long[3];
        FutureTask<byte[]> invocation = new FutureTask<>(() -> {
            phases[0] = System.nanoTime();
            RequestStreamHandler target = load(handler);
            phases[1] = System.nanoTime();
            var output = new ByteArrayOutputStream();
            target.handleRequest(new ByteArrayInputStream(payload), output,
                    new LocalContext(requestId, functionName, version, memoryMb, deadline));
            phases[2] = System.nanoTime();
            String execAt = System.getenv("SITEOPS_INVOKE_TIMING");
            if (execAt != null) {
                // For bench/: JVM start (bin/invoke's exec to main), init (handler class and constructor), handler.
                long mainMs = System.currentTimeMillis() - (System.nanoTime() - mainStart) / 1_000_000;
                System.err.printf("bin/invoke timing: jvm_start_ms=%d init_ms=%d handler_ms=%d%n", mainMs - Long.parseLong(execAt) / 1000,
                        (phases[1] - phases[0]) / 1_000_000, (phases[2] - phases[1]) / 1_000_000);
            }
            return output.toByteArray();
        });
        Thread worker = new Thread(invocation, "main-invocation");
        worker.setDaemon(true);
        worker.start();
        try {
            byte[] output = invocation.get(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
            result.write(output);
            finish(result, 0);
        } catch (TimeoutException e) {
            result.print(errorObject("Sandbox.Timedout", "RequestId: " + requestId + " Error: Task timed out after "
                    + timeoutSeconds + ".00 seconds", null));
            finish(result, 1);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof InvocationTargetException ite ? ite.getCause() : e.getCause();
            cause.printStackTrace(System.err);
            String hint = hint(cause, System.getenv("AWS_ENDPOINT_URL"));
            if (hint != null) {
                System.err.println("bin/invoke: " + hint);
            }
            result.print(errorObject(cause.getClass().getName(), String.valueOf(cause.getMessage()), cause));
            finish(result, 1);
        }
    }

    /** How to start the local emulator and point this shell at it. */
    static final String START_LOCAL = "bin/local up && eval \"$(bin/local env)\"";

    /**
     * What to do about a failure that comes from the local set-up rather than the function: an emulator that is not
     * running (or was restarted on new ports), no endpoint at all, a configuration that needs the --env-vars file.
     * Printed after the stack trace; the error object stays the runtime client's. Null when none applies.
     */
    static String hint(Throwable failure, String endpoint) {
        boolean local = endpoint != null && !endpoint.isBlank();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (t.getClass().getSimpleName().equals("ConfigurationException")) {
                return "the function's settings come from template.yaml, --env-vars and --parameter-overrides; with"
                        + " bin/local, add --env-vars \"$SITEOPS_ENV_VARS\" (bin/local env sets it)";
            }
            if (local && (t instanceof java.net.ConnectException || message.contains("Connection refused"))) {
                return "nothing answers at AWS_ENDPOINT_URL " + endpoint + ": is the emulator running (bin/local status)?"
                        + " Each bin/local up picks new ports: run eval \"$(bin/local env)\" again after it";
            }
            if (!local && (message.contains("Unable to load credentials") || t instanceof java.net.UnknownHostException)) {
                return "no AWS_ENDPOINT_URL, so the function called the AWS account of your credentials; to run it on"
                        + " the local emulator: " + START_LOCAL;
            }
        }
        return null;
    }

    private static RequestStreamHandler load(String handler) throws ReflectiveOperationException {
        String className = handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler;
        Class<?> type = Class.forName(className, true, LambdaShim.class.getClassLoader());
        if (!RequestStreamHandler.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException(className + " does not implement RequestStreamHandler; bin/invoke runs stream handlers only");
        }
        return (RequestStreamHandler) type.getDeclaredConstructor().newInstance();
    }

    /** The error object of the runtime interface client: message, type, and the stack as strings. */
    static String errorObject(String type, String message, Throwable error) {
        StringBuilder json = new StringBuilder("{\"errorMessage\":").append(quote(message))
                .append(",\"errorType\":").append(quote(type)).append(",\"stackTrace\":[");
        StackTraceElement[] stack = error == null ? new StackTraceElement[0] : error.getStackTrace();
        for (int i = 0; i < stack.length; i++) {
            json.append(i == 0 ? "" : ",").append(quote(stack[i].toString()));
        }
        return json.append("]}").toString();
    }

    /**
     * Ends the JVM once the result is out. Threads parked in native I/O (the JDK HttpClient's selector) would hold
     * the exit for 300 ms; woken up first, they let it end at once (Lambda freezes its JVM, never waits for this).
     */
    private static void finish(PrintStream result, int status) {
        result.println();
        result.flush();
        System.err.flush();
        Thread self = Thread.currentThread();
        Thread.getAllStackTraces().keySet().stream().filter(t -> t != self && t.isDaemon()).forEach(Thread::interrupt);
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
