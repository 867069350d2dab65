package siteops.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a plan does, counted from {@code terraform show -json plan.tfplan} the way Terraform's own
 * "Plan: N to add, N to change, N to destroy" line counts: a replacement is one add and one destroy.
 */
public record PlanSummary(int add, int change, int destroy, List<String> destroyed, List<String> replaced) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads the JSON plan; a file that is not one fails with a message naming the file. */
    public static PlanSummary fromJson(String planJson, String source) {
        JsonNode plan;
        try {
            plan = JSON.readTree(planJson);
        } catch (IOException e) {
            throw new PipelineException(source + ": not the JSON of terraform show -json (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        if (plan == null || !plan.isObject() || !plan.has("format_version")) {
            throw new PipelineException(source + ": not the JSON of terraform show -json (no format_version)");
        }
        int add = 0;
        int change = 0;
        int destroy = 0;
        List<String> destroyed = new ArrayList<>();
        List<String> replaced = new ArrayList<>();
        for (JsonNode resource : plan.path("resource_changes")) {
            List<String> actions = new ArrayList<>();
            resource.path("change").path("actions").forEach(action -> actions.add(action.asText()));
            String address = resource.path("address").asText();
            boolean creates = actions.contains("create");
            boolean deletes = actions.contains("delete");
            if (creates && deletes) {
                add++;
                destroy++;
                replaced.add(address);
            } else if (creates) {
                add++;
            } else if (deletes) {
                destroy++;
                destroyed.add(address);
            } else if (actions.contains("update")) {
                change++;
            }
        }
        return new PlanSummary(add, change, destroy, List.copyOf(destroyed), List.copyOf(replaced));
    }

    public boolean hasChanges() {
        return add + change + destroy > 0;
    }

    /** {@code +3 ~1 -0}, the destroy count in bold when there is one. */
    public String counts() {
        String destroys = "-" + destroy;
        return "+" + add + " ~" + change + " " + (destroy > 0 ? "**" + destroys + "**" : destroys);
    }

    /** The counts plus, in bold, every resource the plan destroys or replaces (a reviewer must not miss them). */
    public String markdown() {
        StringBuilder text = new StringBuilder(counts());
        if (!hasChanges()) {
            text.append(" (no changes)");
        }
        text.append('\n');
        for (String address : destroyed) {
            text.append("\n- **destroys `").append(address).append("`**");
        }
        for (String address : replaced) {
            text.append("\n- **replaces `").append(address).append("`** (destroyed, then created)");
        }
        return text.toString().strip() + "\n";
    }
}
