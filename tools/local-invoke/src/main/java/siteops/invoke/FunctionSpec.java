package siteops.invoke;

import java.nio.file.Path;
import java.util.Map;

/** One function of template.yaml as bin/invoke runs it. Environment values are already resolved. */
record FunctionSpec(String logicalId, String functionName, String handler, String runtime, int memoryMb,
                    int timeoutSeconds, Path artifact, Map<String, String> environment) {}
