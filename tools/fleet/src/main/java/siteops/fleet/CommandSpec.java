package siteops.fleet;

import java.util.List;
import java.util.Map;

/** What one SendCommand carries besides its Targets: document, parameters as given, SSM's rate controls. */
public record CommandSpec(String document, Map<String, List<String>> parameters, String maxConcurrency, String maxErrors,
        int timeoutSeconds, String comment) {}
