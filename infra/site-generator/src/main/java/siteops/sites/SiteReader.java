package siteops.sites;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/** Turns the text of one {@code infra/sites/<site>.yaml} into a {@link Site}, or into problems. */
public final class SiteReader {

    static final Pattern SITE_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private SiteReader() {}

    /** Reads one file; problems are added to {@code problems} and the site is empty if there were any. */
    public static Optional<Site> read(String file, String siteName, String text, List<Problem> problems) {
        int before = problems.size();
        if (!SITE_NAME.matcher(siteName).matches()) {
            problems.add(new Problem(file, 1, "(file name)", "site name '" + siteName
                    + "' must be lowercase letters, digits and '-' (start with a letter or digit, at most 63): rename the file"));
        } else if (siteName.equals(FleetDashboard.DIRECTORY)) {
            problems.add(new Problem(file, 1, "(file name)", "site name '" + siteName
                    + "' is taken by the fleet dashboard's root (infra/generated/" + FleetDashboard.DIRECTORY + "/): rename the file"));
        }
        Node root;
        try {
            root = compose(file, text);
        } catch (MarkedYamlEngineException syntax) {
            int line = syntax.getProblemMark().or(syntax::getContextMark).map(mark -> mark.getLine() + 1).orElse(1);
            problems.add(new Problem(file, line, "(yaml)", "syntax error: " + syntax.getProblem()));
            return Optional.empty();
        } catch (YamlEngineException syntax) {
            problems.add(new Problem(file, 1, "(yaml)", "syntax error: " + syntax.getMessage()));
            return Optional.empty();
        }
        if (!(root instanceof MappingNode mapping)) {
            problems.add(new Problem(file, root == null ? 1 : YamlMapping.line(root), "(yaml)", "the file must be a mapping of fields (see infra/site.schema.json)"));
            return Optional.empty();
        }
        scanForSecrets(file, root, "", problems);
        Site site = fields(file, siteName, new YamlMapping(file, "", mapping, problems));
        return problems.size() == before ? Optional.of(site) : Optional.empty();
    }

    private static Node compose(String file, String text) {
        LoadSettings settings = LoadSettings.builder().setLabel(file).setAllowDuplicateKeys(true).build();
        Composer composer = new Composer(settings, new ParserImpl(settings, new StreamReader(settings, text)));
        return composer.getSingleNode().orElse(null);
    }

    private static Site fields(String file, String siteName, YamlMapping root) {
        Optional<String> templateId = root.string(SiteSettings.TEMPLATE.key(), true, ((Setting.Choice) SiteSettings.TEMPLATE.kind())::problem);
        SiteTemplate template = SiteTemplate.ALL.stream().filter(known -> templateId.orElse("").equals(known.id())).findFirst()
                .orElse(SiteTemplate.ALL.getFirst());

        Map<String, YamlMapping> groups = new LinkedHashMap<>();
        groups.put("", root);
        List<Setting<?>> settings = SiteSettings.of(template);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(SiteSettings.TEMPLATE.path(), template.id());
        for (Setting<?> setting : settings) {
            if (setting == SiteSettings.TEMPLATE) {
                continue;
            }
            if (SiteSettings.group(setting.group()).optional() && !root.has(setting.group())) {
                values.put(setting.path(), null);   // an optional block left out: none of its settings apply
                continue;
            }
            YamlMapping group = groups.computeIfAbsent(setting.group(), key -> root.mapping(key, groupRequired(key, settings)));
            values.put(setting.path(), value(group, setting));
        }
        rejectOtherTemplates(template, root, groups);
        groups.values().forEach(YamlMapping::rejectUnknown);

        checkAlternatives(root);
        checkHostnames(root, values);
        return new Site(siteName, file, template, Collections.unmodifiableMap(values));
    }

    /** A mapping must be given when one of its settings is required, unless it is an optional block. */
    private static boolean groupRequired(String group, List<Setting<?>> settings) {
        return !SiteSettings.group(group).optional() && settings.stream().anyMatch(setting -> setting.group().equals(group) && setting.required());
    }

    /**
     * An optional block and the top-level setting it replaces: exactly one of the two is given. Both are shared
     * settings, so this holds for every template.
     */
    private static void checkAlternatives(YamlMapping root) {
        for (SiteSettings.Group group : SiteSettings.GROUPS) {
            if (group.insteadOf() == null) {
                continue;
            }
            boolean blockGiven = root.has(group.key());
            boolean settingGiven = root.has(group.insteadOf());
            if (blockGiven && settingGiven) {
                root.problem(root.nodeOf(group.insteadOf()), group.insteadOf(),
                        "give either " + group.insteadOf() + " or a '" + group.key() + ":' block, not both (the block replaces it)");
            } else if (!blockGiven && !settingGiven) {
                root.problem(root.nodeOf(group.insteadOf()), group.insteadOf(),
                        "missing: give " + group.insteadOf() + " or a '" + group.key() + ":' block");
            }
        }
    }

    /** The setting's value from the file (checked: a wrong value is a problem), or its default. */
    private static Object value(YamlMapping yaml, Setting<?> setting) {
        String key = setting.key();
        return switch (setting.kind()) {
            case Setting.Text text -> yaml.string(key, setting.required(), text.problem()).orElse((String) setting.defaultValue());
            case Setting.Choice choice -> yaml.string(key, setting.required(), choice::problem).orElse((String) setting.defaultValue());
            case Setting.WholeNumber number -> yaml.integer(key, setting.required(), number.min(), number.max()).orElse((Integer) setting.defaultValue());
            case Setting.Decimal decimal -> yaml.decimal(key, setting.required(), decimal.min(), decimal.max()).orElse((Double) setting.defaultValue());
            case Setting.TextList list -> yaml.strings(key, setting.required(), list.item().problem(), list.whenEmpty())
                    .map(items -> (Object) List.copyOf(items)).orElse(setting.defaultValue());
        };
    }

    /** Settings of other templates are refused by name, not as unknown: a whole mapping at its key, else field by field. */
    private static void rejectOtherTemplates(SiteTemplate template, YamlMapping root, Map<String, YamlMapping> groups) {
        String reason = template.othersUnused();
        List<Setting<?>> ours = SiteSettings.of(template);
        for (Setting<?> other : SiteSettings.all()) {
            if (ours.contains(other)) {
                continue;
            }
            YamlMapping group = groups.get(other.group());
            if (group != null) {
                group.reject(other.key(), reason);
            } else if (!root.wasRead(other.group())) {
                root.reject(other.group(), reason);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void checkHostnames(YamlMapping yaml, Map<String, Object> values) {
        String domain = (String) values.get(SiteSettings.DOMAIN.path());
        Set<String> seen = new HashSet<>();
        seen.add(domain == null ? "" : domain);
        for (String alias : (List<String>) values.get(SiteSettings.ALIASES.path())) {
            if (!seen.add(alias)) {
                yaml.problem(yaml.nodeOf("aliases"), "aliases", "'" + alias + "' is listed twice (or repeats the domain)");
            }
        }
        String zoneName = (String) values.get(SiteSettings.ROUTE53_ZONE.path());
        if (zoneName != null) {
            for (String host : seen) {
                if (!host.isEmpty() && !host.equals(zoneName) && !host.endsWith("." + zoneName)) {
                    yaml.problem(yaml.nodeOf("route53_zone"), "route53_zone",
                            "'" + host + "' is not inside the zone '" + zoneName + "': Route53 could not hold its record");
                }
            }
        }
    }

    /** Any scalar, key or value, that looks like a credential is a problem wherever it appears. */
    private static void scanForSecrets(String file, Node node, String path, List<Problem> problems) {
        switch (node) {
            case ScalarNode scalar -> SecretScanner.recognise(scalar.getValue()).ifPresent(kind -> problems.add(new Problem(file,
                    YamlMapping.line(scalar), path.isEmpty() ? "(value)" : path,
                    "looks like " + kind + ": never put secrets in site files; store it in Secrets Manager and give the secret's name")));
            case SequenceNode sequence -> sequence.getValue().forEach(item -> scanForSecrets(file, item, path, problems));
            case MappingNode mapping -> {
                for (NodeTuple tuple : mapping.getValue()) {
                    String key = tuple.getKeyNode() instanceof ScalarNode scalar ? scalar.getValue() : "?";
                    String childPath = path.isEmpty() ? key : path + "." + key;
                    scanForSecrets(file, tuple.getKeyNode(), childPath, problems);
                    scanForSecrets(file, tuple.getValueNode(), childPath, problems);
                }
            }
            default -> { }
        }
    }
}
