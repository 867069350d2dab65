package siteops.sites;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The cloud-init user data of a Movable Type server: the template resource with the site's values filled in. */
final class CloudInit {

    /** A template line {@code <indent>{{script NAME}}} is replaced by scripts/NAME, every line indented alike. */
    private static final Pattern SCRIPT_LINE = Pattern.compile("(?m)^( *)\\{\\{script ([\\w.-]+)}}$");

    private static final String TEMPLATE = inlineScripts(load("cloud-init.yaml"));

    private CloudInit() {}

    static String render(Site site) {
        String text = TEMPLATE;
        for (Map.Entry<String, String> value : Map.of(
                "{{site}}", site.name(),
                "{{domain}}", site.domain(),
                "{{admin_path}}", site.get(MovableTypeTemplate.ADMIN_PATH)).entrySet()) {
            text = text.replace(value.getKey(), value.getValue());
        }
        return text;
    }

    // The scripts the server runs (backup, restore, first-boot setup) are resource files of their own, so they
    // read and lint as shell; the generated cloud-config carries them inline.
    private static String inlineScripts(String template) {
        return SCRIPT_LINE.matcher(template).replaceAll(line -> Matcher.quoteReplacement(
                load("scripts/" + line.group(2)).stripTrailing().lines()
                        .map(text -> text.isEmpty() ? text : line.group(1) + text)
                        .collect(Collectors.joining("\n"))));
    }

    private static String load(String resource) {
        try (InputStream in = CloudInit.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource + " next to CloudInit");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
