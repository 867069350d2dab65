package siteops.pipeline;

/** Bad input or a refused GitHub call: the message says what is wrong and is all the user sees. */
public class PipelineException extends RuntimeException {
    public PipelineException(String message) {
        super(message);
    }
}
