package siteops.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * The site file the new-site workflow's inputs describe, written by a YAML emitter (so no input can inject
 * YAML) to {@code infra/sites/<name>.yaml}. Only the name is checked here, because it becomes a path; every
 * other field is checked by {@code bin/generate-sites}, which reports {@code file:line: field: problem}.
 */
public record NewSiteFile(String name, String template, String project, String env, String domain, List<String> aliases,
                          String route53Zone, String pagerdutySecret, String slackTeamId, String slackChannelId,
                          List<String> adminCidrs) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

    /** A list input of the form "a, b c" (commas or spaces); empty for an empty input. */
    public static List<String> list(String input) {
        return Arrays.stream(input == null ? new String[0] : input.split("[,\\s]+")).filter(s -> !s.isEmpty()).toList();
    }

    public String yaml() {
        Map<String, Object> site = new LinkedHashMap<>();
        site.put("template", template);
        site.put("project", project);
        site.put("env", env);
        site.put("domain", domain);
        if (!aliases.isEmpty()) {
            site.put("aliases", aliases);
        }
        if (!route53Zone.isBlank() && !route53Zone.equals("none")) {
            site.put("route53_zone", route53Zone);
        }
        site.put("pagerduty_secret", pagerdutySecret);
        Map<String, Object> slack = new LinkedHashMap<>();
        slack.put("team_id", slackTeamId);
        slack.put("channel_id", slackChannelId);
        site.put("slack", slack);
        if (!adminCidrs.isEmpty()) {
            site.put("admin", Map.of("allow_cidrs", new ArrayList<>(adminCidrs)));
        }
        Dump dump = new Dump(DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).build());
        return "# yaml-language-server: $schema=../site.schema.json\n"
                + "# Requested through the new-site workflow; edit freely, this file is the source of the site's Terraform.\n"
                + dump.dumpToString(site);
    }

    /** Writes {@code sitesDir/<name>.yaml}; refuses a name that is not a site name and a site that exists. */
    public Path write(Path sitesDir) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new PipelineException("site name '" + name + "': use 1-40 lowercase letters, digits and '-', starting with a letter or digit");
        }
        Path file = sitesDir.resolve(name + ".yaml");
        try {
            Files.writeString(file, yaml(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new PipelineException(sitesDir.getFileName() + "/" + name + ".yaml already exists: site '" + name + "' is taken");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
