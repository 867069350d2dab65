package siteops.local;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What bin/local up started, as state.json in the state folder records it: the processes to stop, the URLs to
 * export, the log. Written after each step of up, so a failed start can still be stopped.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record EmulatorState(List<StartedProcess> processes, String region, String log,
                     String moto, String github, String pagerduty, String ssm) {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    EmulatorState {
        processes = List.copyOf(processes);
    }

    /** One process up started; {@code marker} is a word of its command line, so a reused pid is never stopped. */
    record StartedProcess(String name, long pid, String marker) {}

    EmulatorState with(StartedProcess process) {
        List<StartedProcess> more = new java.util.ArrayList<>(processes);
        more.add(process);
        return new EmulatorState(more, region, log, moto, github, pagerduty, ssm);
    }

    EmulatorState withMoto(String url) {
        return new EmulatorState(processes, region, log, url, github, pagerduty, ssm);
    }

    EmulatorState withStandIns(String githubUrl, String pagerDutyUrl, String ssmUrl) {
        return new EmulatorState(processes, region, log, moto, githubUrl, pagerDutyUrl, ssmUrl);
    }

    /** The state in {@code file}, or null when nothing was started there. */
    static EmulatorState read(Path file) {
        if (!Files.exists(file)) {
            return null;
        }
        try {
            return JSON.readValue(file.toFile(), EmulatorState.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    void write(Path file) {
        try {
            Files.writeString(file, JSON.writeValueAsString(this) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
