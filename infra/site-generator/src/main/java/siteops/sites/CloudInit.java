package siteops.sites;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The cloud-init user data of a Movable Type server: the template resource with the site's values filled in. */
final class CloudInit {

    private static final String TEMPLATE = load();

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

    private static String load() {
        try (InputStream in = CloudInit.class.getResourceAsStream("cloud-init.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
